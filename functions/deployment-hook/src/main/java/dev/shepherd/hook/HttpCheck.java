package dev.shepherd.hook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.http.HttpFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Calls the new version over HTTP through core's {@link GuardedHttp}. A transport error (refused, reset, connect
 * timeout, unresolvable) is retried up to {@code attempts - 1} times; an answer that is wrong (status, body, too
 * slow, malformed) fails at once, because asking again would only hide a bad release. {@code consecutiveSuccesses}
 * good answers in a row pass. Only as much of the body is read as {@code bodyContains}/{@code jsonPointer} need, at
 * most {@link GuardedHttp#MAX_BODY_BYTES}. Plain http goes only to the deployment's own test endpoint or to hosts the
 * plan lists in {@code plainHttpHosts}; URLs appear in messages without their query.
 */
final class HttpCheck implements HookCheck {
    private final CheckPlan.Http spec;
    private final Deployment deployment;
    private final CheckPlan plan;
    private final GuardedHttp http;

    HttpCheck(CheckPlan.Http spec, Deployment deployment, CheckPlan plan, GuardedHttp http) {
        this.spec = spec;
        this.deployment = deployment;
        this.plan = plan;
        this.http = http;
    }

    @Override
    public CheckPlan.Http spec() {
        return spec;
    }

    @Override
    public CheckResult run(Deadline deadline) throws CheckFailure, InterruptedException {
        URI uri = target();
        String where = GuardedHttp.redact(uri);
        boolean plainAllowed = spec.url() == null || plan.allowsPlainHttp(uri.getHost());
        boolean readBody = spec.bodyContains() != null || spec.jsonPointer() != null;
        GuardedHttp.Request request = new GuardedHttp.Request(spec.method(), uri, spec.headers(),
                spec.body() == null ? null : spec.body().getBytes(StandardCharsets.UTF_8), !plainAllowed,
                readBody ? GuardedHttp.MAX_BODY_BYTES : 0);
        int successes = 0;
        int transportErrors = 0;
        String lastTransportError = null;
        while (true) {
            Duration timeout = spec.maxLatency() == null ? deadline.remaining() : deadline.cap(spec.maxLatency());
            if (timeout.isZero()) {
                throw outOfTime(where, successes, lastTransportError);
            }
            long started = System.nanoTime();
            GuardedHttp.Response response = null;
            try {
                response = http.send(request, timeout);
            } catch (HttpFailure e) {
                if (e.kind() == HttpFailure.Kind.TIMEOUT) {
                    throw new CheckFailure(where + ": no answer within " + timeout.toMillis() + " ms");
                }
                if (!e.transientFailure()) {
                    throw new CheckFailure(e.getMessage());
                }
                lastTransportError = e.getMessage();
            }
            if (response == null) {
                successes = 0;
                if (++transportErrors >= spec.attempts()) {
                    throw new CheckFailure(where + ": transport error on all " + spec.attempts() + " attempt(s), last: "
                            + lastTransportError);
                }
            } else {
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                String wrong = wrongAnswer(response, millis);
                if (wrong != null) {
                    throw new CheckFailure(where + ": " + wrong);
                }
                if (++successes >= spec.consecutiveSuccesses()) {
                    return CheckResult.pass(spec.type(), spec.name(), where + " answered " + response.status()
                            + " as expected " + successes + " time(s) in a row"
                            + (transportErrors > 0 ? " after " + transportErrors + " transport error(s)" : ""));
                }
            }
            if (deadline.remaining().compareTo(spec.interval()) <= 0) {
                throw outOfTime(where, successes, lastTransportError);
            }
            Thread.sleep(spec.interval());
        }
    }

    private static CheckFailure outOfTime(String where, int successes, String lastTransportError) {
        return new CheckFailure(where + ": out of time after " + successes + " good answer(s)"
                + (lastTransportError == null ? "" : "; last transport error: " + lastTransportError));
    }

    /**
     * An explicit URL must name an allowed host; a path is resolved on the deployment's test endpoint and must stay
     * there (the plan parser refuses {@code //host} paths; this holds even if something else slips through).
     */
    private URI target() throws CheckFailure {
        if (spec.url() != null) {
            if (!plan.allowsHost(spec.url().getHost())) {
                throw new CheckFailure("host " + spec.url().getHost() + " is not in the plan's allowedHosts "
                        + plan.allowedHosts());
            }
            return spec.url();
        }
        URI base = deployment.testEndpoint();
        URI resolved = base.resolve(spec.path());
        if (!Objects.equals(lower(base.getHost()), lower(resolved.getHost())) || base.getPort() != resolved.getPort()
                || !Objects.equals(base.getScheme(), resolved.getScheme())) {
            throw new CheckFailure("path " + spec.path() + " leaves the deployment's test endpoint "
                    + GuardedHttp.redact(base));
        }
        return resolved;
    }

    private static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    /** Null when the answer is right; otherwise what is wrong with it (never the body itself). */
    private String wrongAnswer(GuardedHttp.Response response, long millis) {
        if (response.status() != spec.expectStatus()) {
            return "HTTP " + response.status() + ", expected " + spec.expectStatus();
        }
        if (spec.maxLatency() != null && millis > spec.maxLatency().toMillis()) {
            return "answered in " + millis + " ms, limit " + spec.maxLatency().toMillis() + " ms";
        }
        String body = response.text();
        String within = response.truncated() ? " (in its first " + GuardedHttp.MAX_BODY_BYTES + " bytes)" : "";
        if (spec.bodyContains() != null && !body.contains(spec.bodyContains())) {
            return "body does not contain '" + spec.bodyContains() + "'" + within;
        }
        if (spec.jsonPointer() != null) {
            if (response.truncated()) {
                return "body is larger than " + GuardedHttp.MAX_BODY_BYTES + " bytes, cannot read " + spec.jsonPointer();
            }
            JsonNode value;
            try {
                value = Json.parse(body).at(JsonPointer.compile(spec.jsonPointer()));
            } catch (IllegalArgumentException e) {
                return "body is not JSON, cannot read " + spec.jsonPointer();
            }
            if (value.isMissingNode() || !value.isValueNode()) {
                return "body has no value at " + spec.jsonPointer();
            }
            if (!spec.jsonEquals().equals(value.asText())) {
                return spec.jsonPointer() + " is '" + value.asText() + "', expected '" + spec.jsonEquals() + "'";
            }
        }
        return null;
    }
}
