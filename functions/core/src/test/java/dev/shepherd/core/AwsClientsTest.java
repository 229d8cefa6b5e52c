package dev.shepherd.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The client factory against a wire-level SSM stub: endpoint settings, retries, journal, redaction. */
class AwsClientsTest {
    static WireMockServer ssm;

    @BeforeAll
    static void start() {
        ssm = AwsWireStub.start();
    }

    @AfterAll
    static void stop() {
        AwsWireStub.stop(ssm);
    }

    @BeforeEach
    void reset() {
        ssm.resetAll();
    }

    private static Platform platform(CallJournal journal) {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1");
        return new Platform(env, new AwsClients(env, journal), Clock.systemUTC());
    }

    @Test
    void throttlingIsRetriedAndTheCallJournaledOnce() {
        String target = "AmazonSSM.GetParameter";
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)).inScenario("t")
                .whenScenarioStateIs(STARTED).willSetStateTo("again")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)).inScenario("t")
                .whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Parameter\":{\"Name\":\"/shepherd/dev/x\",\"Type\":\"String\",\"Value\":\"42\"}}")));
        CallJournal journal = CallJournal.recording();

        String value = new Parameters(platform(journal)).find("/shepherd/dev/x").orElseThrow();

        assertThat(value).isEqualTo("42");
        ssm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
        assertThat(journal.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("ssm:GetParameter");
            assertThat(call.request().get("Name").asText()).isEqualTo("/shepherd/dev/x");
        });
    }

    @Test
    void aMissingParameterIsEmptyNotAnError() {
        ssm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"not found\"}")));

        assertThat(new Parameters(platform(CallJournal.recording())).find("/shepherd/dev/none")).isEmpty();
    }

    @Test
    void clientsAreBuiltOncePerType() {
        Platform platform = platform(CallJournal.recording());
        assertThat(platform.client(SsmClient.class)).isSameAs(platform.client(SsmClient.class));
    }

    @Test
    void globalServicesAreBuiltInUsEast1AtTheirFixedEndpointWhateverTheFunctionsRegion() {
        String wire = System.clearProperty("aws.endpointUrl");
        try {
            AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-1"), CallJournal.discarding());
            var ce = clients.client(CostExplorerClient.class).serviceClientConfiguration();
            assertThat(ce.region()).isEqualTo(Region.US_EAST_1);
            assertThat(ce.endpointOverride()).contains(URI.create("https://ce.us-east-1.amazonaws.com"));
            var budgets = clients.client(BudgetsClient.class).serviceClientConfiguration();
            assertThat(budgets.region()).isEqualTo(Region.US_EAST_1);
            assertThat(budgets.endpointOverride()).contains(URI.create("https://budgets.amazonaws.com"));
            var account = clients.client(AccountClient.class).serviceClientConfiguration();
            assertThat(account.region()).isEqualTo(Region.US_EAST_1);
            assertThat(account.endpointOverride()).contains(URI.create("https://account.us-east-1.amazonaws.com"));
            assertThat(clients.client(BackupClient.class).serviceClientConfiguration().endpointOverride())
                    .as("an older regional module gets its regional endpoint")
                    .contains(URI.create("https://backup.eu-west-1.amazonaws.com"));
            assertThat(clients.client(SsmClient.class).serviceClientConfiguration().region())
                    .as("other clients keep the function's region").isEqualTo(Region.EU_WEST_1);

            assertThatThrownBy(() -> new AwsClients(Map.of("AWS_REGION", "cn-north-1"), CallJournal.discarding())
                    .client(CostExplorerClient.class)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only in the aws partition");
        } finally {
            System.setProperty("aws.endpointUrl", wire);
        }
    }

    @Test
    void aClientForAnotherRegionIsSignedAndAddressedThereAndBuiltOnce() {
        String wire = System.clearProperty("aws.endpointUrl");
        try {
            AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-1"), CallJournal.discarding());
            BackupClient tokyo = clients.client(BackupClient.class, Region.AP_NORTHEAST_1);
            assertThat(tokyo.serviceClientConfiguration().region()).isEqualTo(Region.AP_NORTHEAST_1);
            assertThat(tokyo.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("https://backup.ap-northeast-1.amazonaws.com"));
            assertThat(clients.client(BackupClient.class, Region.AP_NORTHEAST_1)).isSameAs(tokyo);
            assertThat(clients.client(BackupClient.class, Region.EU_WEST_1)).isSameAs(clients.client(BackupClient.class));
            assertThat(clients.client(SsmClient.class, Region.AP_NORTHEAST_1).serviceClientConfiguration().region())
                    .isEqualTo(Region.AP_NORTHEAST_1);
        } finally {
            System.setProperty("aws.endpointUrl", wire);
        }
    }

    @Test
    void anAssumedRolesClientsSignWithTheCredentialsStsGaveForThatRole() {
        ssm.stubFor(post(urlEqualTo("/")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                "Action=AssumeRole")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
                        <Credentials><AccessKeyId>ASIAMEMBER0000000001</AccessKeyId>
                        <SecretAccessKey>member-secret</SecretAccessKey><SessionToken>member-token</SessionToken>
                        <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
                        <AssumedRoleUser><Arn>arn:aws:sts::222233334444:assumed-role/reader/s</Arn>
                        <AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>
                        </AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""")));
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Parameter\":{\"Name\":\"/x\",\"Type\":\"String\",\"Value\":\"1\"}}")));
        CallJournal journal = CallJournal.recording();
        AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-1"), journal);

        clients.assumingRole("arn:aws:iam::222233334444:role/reader", "shepherd-test").client(SsmClient.class)
                .getParameter(b -> b.name("/x"));

        ssm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .containing("RoleArn=arn%3Aaws%3Aiam%3A%3A222233334444%3Arole%2Freader")));
        ssm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "Credential=ASIAMEMBER0000000001/"))
                .withHeader("X-Amz-Security-Token", equalTo("member-token")));
        // The call is journaled as it starts, before its credentials are resolved through STS.
        assertThat(journal.calls()).extracting(CallJournal.Call::action).containsExactlyInAnyOrder("sts:AssumeRole",
                "ssm:GetParameter");
    }

    @Test
    void aGlobalServiceKeepsUsEast1UnderAnEndpointSetting() {
        AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-1"), CallJournal.discarding());
        var ce = clients.client(CostExplorerClient.class).serviceClientConfiguration();
        assertThat(ce.region()).isEqualTo(Region.US_EAST_1);
        assertThat(ce.endpointOverride()).as("the SDK's aws.endpointUrl wins")
                .contains(URI.create(System.getProperty("aws.endpointUrl")));
    }

    @Test
    void aMissingRegionIsAConfigurationError() {
        assertThatThrownBy(() -> new AwsClients(Map.of(), CallJournal.recording()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void secretBearingMembersAreRedactedInTheJournal() {
        var request = software.amazon.awssdk.services.ssm.model.PutParameterRequest.builder()
                .name("/shepherd/dev/db").value("hunter2").build();
        assertThat(CallJournal.toJson(request).toString()).contains("/shepherd/dev/db").doesNotContain("hunter2");
    }
}
