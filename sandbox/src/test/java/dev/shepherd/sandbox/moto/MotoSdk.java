package dev.shepherd.sandbox.moto;

import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * One {@code moto_server} for a test class, with the SDK's endpoint and credential system properties pointed at it
 * while it runs, so any client the code under test builds through core reaches moto. Where moto is absent the
 * start does not fail: {@link #server()} then skips the test that needs it, with the reason.
 */
public final class MotoSdk implements AutoCloseable {
    private final MotoServer server;
    private final String skipped;

    private MotoSdk(MotoServer server, String skipped) {
        this.server = server;
        this.skipped = skipped;
    }

    /** Call from {@code @BeforeAll}; close from {@code @AfterAll}. */
    public static MotoSdk start() throws IOException, InterruptedException {
        MotoServer server;
        try {
            server = MotoServer.start();
        } catch (TestAbortedException e) {
            return new MotoSdk(null, e.getMessage().replaceFirst("^Assumption failed: ", ""));
        }
        System.setProperty("aws.endpointUrl", server.endpoint());
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "moto");
        return new MotoSdk(server, null);
    }

    /** The running server, reset to empty; skips the calling test where moto is absent. */
    public MotoServer server() throws IOException, InterruptedException {
        Assumptions.assumeTrue(server != null, skipped);
        server.reset();
        return server;
    }

    public boolean running() {
        return server != null;
    }

    @Override
    public void close() throws Exception {
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (server != null) {
            server.close();
        }
    }
}
