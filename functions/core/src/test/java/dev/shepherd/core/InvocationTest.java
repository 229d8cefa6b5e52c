package dev.shepherd.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The invocation skeleton: correlation keys, deadline, encoding and the one place unexpected errors are handled. */
class InvocationTest {
    static final String SECRET = "hunter2-webhook-routing-key";
    static final Instant NOW = Instant.parse("2025-06-18T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Telemetry TELEMETRY = new Telemetry("core-test", "dev");

    /** The function's own failure: logged by itself, rethrown untouched by the skeleton. */
    static final class OwnFailure extends RuntimeException {
        OwnFailure(String message) {
            super(message);
        }
    }

    /** A function whose body and failure answer the test chooses; it records what the body saw. */
    static final class Fn implements Invocation.Steps<String, String> {
        final List<String> seen = new ArrayList<>();
        Function<Deadline, String> body = d -> "done";
        BiFunction<String, RuntimeException, String> mapper;
        Function<byte[], String> decoder = raw -> new String(raw, StandardCharsets.UTF_8);

        @Override
        public String decode(byte[] raw) {
            return decoder.apply(raw);
        }

        @Override
        public Map<String, String> correlation(String event) {
            return Map.of("eventId", event, "stage", "pre");
        }

        @Override
        public String run(String event, Deadline deadline) {
            seen.add("eventId=" + MDC.get("eventId") + " stage=" + MDC.get("stage"));
            return body.apply(deadline);
        }

        @Override
        public byte[] encode(String answer) {
            return ("<" + answer + ">").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean isOwn(RuntimeException e) {
            return e instanceof OwnFailure;
        }

        @Override
        public String unexpected(String event, RuntimeException e) {
            return mapper == null ? Invocation.Steps.super.unexpected(event, e) : mapper.apply(event, e);
        }
    }

    static Invocation<String, String> invocation(Fn fn) {
        return new Invocation<>(TELEMETRY, CLOCK, Duration.ofSeconds(2), fn);
    }

    /** Stdout (where EMF metrics go outside Lambda) while {@code run} runs. */
    static String stdout(Runnable run) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static RuntimeException leaky() {
        return new IllegalStateException("a parser quoting its input: " + SECRET,
                new IllegalArgumentException("the cause quotes it too: " + SECRET));
    }

    @Test
    void correlationKeysAreInTheMdcDuringTheBodyAndGoneAfter() {
        Fn fn = new Fn();

        String answer = invocation(fn).run("evt-1", new TestContext(10_000));

        assertThat(answer).isEqualTo("done");
        assertThat(fn.seen).containsExactly("eventId=evt-1 stage=pre");
        assertThat(MDC.get("eventId")).isNull();
        assertThat(MDC.get("stage")).isNull();
    }

    @Test
    void theKeysAreGoneAfterAFailureToo() {
        Fn fn = new Fn();
        fn.body = d -> {
            throw new OwnFailure("step failed");
        };

        catchThrowable(() -> invocation(fn).run("evt-2", new TestContext(10_000)));

        assertThat(fn.seen).containsExactly("eventId=evt-2 stage=pre");
        assertThat(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap()).doesNotContainKeys("eventId", "stage");
    }

    @Test
    void theDeadlineIsTheRemainingTimeLessTheReserve() {
        Fn fn = new Fn();
        List<Deadline> deadlines = new ArrayList<>();
        fn.body = d -> {
            deadlines.add(d);
            return "done";
        };

        invocation(fn).run("evt", new TestContext(10_000));

        assertThat(deadlines).singleElement().satisfies(d -> {
            assertThat(d.at()).isEqualTo(NOW.plusSeconds(8));
            assertThat(d.remaining()).isEqualTo(Duration.ofSeconds(8));
        });
    }

    @Test
    void aStreamIsDecodedRunAndEncoded() throws IOException {
        Fn fn = new Fn();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        invocation(fn).handle(new ByteArrayInputStream("evt-3".getBytes(StandardCharsets.UTF_8)), out,
                new TestContext(10_000));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<done>");
        assertThat(fn.seen).containsExactly("eventId=evt-3 stage=pre");
    }

    @Test
    void withoutAMapperAnUnexpectedExceptionIsLoggedCountedAndThrownStrippedOfItsMessages() {
        Fn fn = new Fn();
        fn.body = d -> {
            throw leaky();
        };
        Throwable[] thrown = new Throwable[1];
        List<String> lines;
        String emf;
        try (LogCapture logs = LogCapture.capture()) {
            emf = stdout(() -> thrown[0] = catchThrowable(() -> invocation(fn).run("evt-4", new TestContext(10_000))));
            lines = logs.lines();
        }

        assertThat(thrown[0]).isInstanceOf(UnexpectedFailure.class).hasMessage("java.lang.IllegalStateException")
                .hasCauseInstanceOf(UnexpectedFailure.class);
        assertThat(thrown[0].getCause()).hasMessage("java.lang.IllegalArgumentException");
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ERROR invocation failed with an unexpected java.lang.IllegalStateException")
                .contains("eventId=evt-4", "function_request_id=8f507cfc-example-request")
                .contains("at dev.shepherd.core.InvocationTest.leaky")
                .doesNotContain(SECRET));
        assertThat(emf).containsPattern("\"InvocationFailed\":1(\\.0)?[,}]")
                .contains("\"exception\":\"IllegalStateException\"").doesNotContain(SECRET);
    }

    @Test
    void withAMapperTheFunctionsAnswerIsReturnedAfterTheSameLogAndCount() throws IOException {
        Fn fn = new Fn();
        fn.body = d -> {
            throw leaky();
        };
        fn.mapper = (event, e) -> "failed:" + event + ":" + e.getClass().getSimpleName();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> lines;
        String emf;
        try (LogCapture logs = LogCapture.capture()) {
            emf = stdout(() -> {
                try {
                    invocation(fn).handle(new ByteArrayInputStream("evt-5".getBytes(StandardCharsets.UTF_8)), out,
                            new TestContext(10_000));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            lines = logs.lines();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<failed:evt-5:IllegalStateException>");
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ERROR invocation failed with an unexpected java.lang.IllegalStateException")
                .doesNotContain(SECRET));
        assertThat(emf).contains("\"exception\":\"IllegalStateException\"");
    }

    @Test
    void aMapperThatThrowsIsNotHandledTwice() {
        Fn fn = new Fn();
        fn.body = d -> {
            throw leaky();
        };
        fn.mapper = (event, e) -> {
            throw new OwnFailure("step of " + event + " failed with an unexpected " + e.getClass().getName());
        };
        Throwable thrown;
        List<String> lines;
        try (LogCapture logs = LogCapture.capture()) {
            thrown = catchThrowable(() -> invocation(fn).run("evt-6", new TestContext(10_000)));
            lines = logs.lines();
        }

        assertThat(thrown).isInstanceOf(OwnFailure.class)
                .hasMessage("step of evt-6 failed with an unexpected java.lang.IllegalStateException");
        assertThat(lines).hasSize(1);
    }

    @Test
    void theFunctionsOwnFailuresPassThroughUntouchedUnloggedAndUncounted() {
        Fn fn = new Fn();
        OwnFailure own = new OwnFailure("rotation of secret x failed: the pending value is for another user");
        fn.body = d -> {
            throw own;
        };
        fn.mapper = (event, e) -> "must not be asked";
        Throwable[] thrown = new Throwable[1];
        List<String> lines;
        String emf;
        try (LogCapture logs = LogCapture.capture()) {
            emf = stdout(() -> thrown[0] = catchThrowable(() -> invocation(fn).run("evt-7", new TestContext(10_000))));
            lines = logs.lines();
        }

        assertThat(thrown[0]).isSameAs(own);
        assertThat(lines).isEmpty();
        assertThat(emf).doesNotContain("InvocationFailed");
    }

    @Test
    void aContextThatBreaksTheLoggingSetUpIsHandledOnceWithTheCorrelationKeys() {
        Fn fn = new Fn();
        fn.mapper = (event, e) -> "failed:" + e.getClass().getSimpleName();
        String answer;
        List<String> lines;
        try (LogCapture logs = LogCapture.capture()) {
            answer = invocation(fn).run("evt-8", new TestContext(10_000, true));
            lines = logs.lines();
        }

        assertThat(answer).isEqualTo("failed:IllegalStateException");
        assertThat(fn.seen).isEmpty();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ERROR invocation failed with an unexpected java.lang.IllegalStateException")
                .contains("eventId=evt-8"));
        assertThat(MDC.get("eventId")).isNull();
    }

    @Test
    void anUnexpectedDecodeFailureIsLoggedAndThrownStrippedButAnOwnOneAsIs() {
        Fn fn = new Fn();
        fn.decoder = raw -> {
            throw leaky();
        };
        Throwable thrown;
        List<String> lines;
        try (LogCapture logs = LogCapture.capture()) {
            thrown = catchThrowable(() -> invocation(fn).handle(new ByteArrayInputStream(SECRET.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), new TestContext(10_000)));
            lines = logs.lines();
        }
        assertThat(thrown).isInstanceOf(UnexpectedFailure.class).hasMessage("java.lang.IllegalStateException");
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ERROR decoding the event failed with an unexpected java.lang.IllegalStateException")
                .doesNotContain(SECRET));

        OwnFailure own = new OwnFailure("The rotation event is not a JSON object");
        fn.decoder = raw -> {
            throw own;
        };
        assertThat(catchThrowable(() -> invocation(fn).handle(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new TestContext(10_000)))).isSameAs(own);
        assertThat(fn.seen).isEmpty();
    }
}
