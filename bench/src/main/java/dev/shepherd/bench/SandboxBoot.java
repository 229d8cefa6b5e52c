package dev.shepherd.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs a stream handler against the sandbox inside the runtime client's JVM: installs a {@link Platform}
 * backed by a {@link Sandbox} (seeded from {@code SHEPHERD_BENCH_SCENARIO} when set) before the real
 * handler's no-argument constructor runs, then delegates every invocation to it. The real handler is
 * named by {@code SHEPHERD_BENCH_TARGET}. The sandbox classes this loads count against the subject,
 * which is why the benchmark also measures each function against a loopback AWS endpoint.
 */
public class SandboxBoot implements RequestStreamHandler {
    static {
        Sandbox sandbox = new Sandbox();
        String scenario = System.getenv("SHEPHERD_BENCH_SCENARIO");
        if (scenario != null && !scenario.isBlank()) {
            sandbox.load(Path.of(scenario));
        }
        Platform.install(new Platform(System.getenv(), sandbox, Clock.systemUTC()));
    }

    private final RequestStreamHandler target;

    public SandboxBoot() throws ReflectiveOperationException {
        this.target = Delegate.streamHandler();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        target.handleRequest(input, output, context);
    }
}
