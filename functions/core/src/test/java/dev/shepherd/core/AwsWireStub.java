package dev.shepherd.core;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A WireMock server on loopback that real SDK clients from {@link AwsClients} reach through the SDK's own
 * endpoint setting ({@code aws.endpointUrl}), with placeholder credentials: the wire-level contract tests'
 * stand-in for AWS. Shared by every module through core's test jar.
 */
public final class AwsWireStub {
    private AwsWireStub() {
    }

    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        System.setProperty("aws.endpointUrl", server.baseUrl());
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wire-stub-secret");
        return server;
    }

    public static void stop(WireMockServer server) {
        server.stop();
        System.clearProperty("aws.endpointUrl");
    }
}
