package dev.shepherd.hook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Calls the new version over HTTP. A transport error (refused, reset, connect timeout, unresolvable) is
 * retried up to {@code attempts - 1} times; an answer that is wrong (status, body, too slow) fails at once,
 * because asking again would only hide a bad release. {@code consecutiveSuccesses} good answers in a row pass.
 * Redirects are never followed: the target of one was not vetted by {@link AddressGuard}.
 */
final class HttpCheck implements Check {
    private final CheckPlan.Http spec;
    private final Deployment deployment;
    private final AddressGuard guard;
    private final HttpClient client;

    HttpCheck(CheckPlan.Http spec, Deployment deployment, AddressGuard guard, HttpClient client) {
        this.spec = spec;
        this.deployment = deployment;
        this.guard = guard;
        this.client = client;
    }

    @Override
    public CheckPlan.Http spec() {
        return spec;
    }

    @Override
    public CheckResult run(Deadline deadline) throws CheckFailure, InterruptedException {
        URI uri = target();
        guard.check(uri.getHost(), spec.url() == null);
        int successes = 0;
        int transportErrors = 0;
        String lastTransportError = null;
        while (true) {
            Duration timeout = spec.maxLatency() == null ? deadline.remaining() : deadline.cap(spec.maxLatency());
            if (timeout.isZero()) {
                throw new CheckFailure(uri + ": out of time after " + successes + " good answer(s)"
                        + (lastTransportError == null ? "" : "; last transport error: " + lastTransportError));
            }
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = client.send(request(uri, timeout), HttpResponse.BodyHandlers.ofString());
            } catch (HttpConnectTimeoutException e) {
                lastTransportError = "connect timeout";
                response = null;
            } catch (HttpTimeoutException e) {
                throw new CheckFailure(uri + ": no answer within " + timeout.toMillis() + " ms");
            } catch (IOException e) {
                lastTransportError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                response = null;
            }
            if (response == null) {
                successes = 0;
                if (++transportErrors >= spec.attempts()) {
                    throw new CheckFailure(uri + ": transport error on all " + spec.attempts() + " attempt(s), last: "
                            + lastTransportError);
                }
            } else {
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                String wrong = wrongAnswer(response, millis);
                if (wrong != null) {
                    throw new CheckFailure(uri + ": " + wrong);
                }
                if (++successes >= spec.consecutiveSuccesses()) {
                    return CheckResult.pass(spec.type(), spec.name(), uri + " answered " + response.statusCode()
                            + " as expected " + successes + " time(s) in a row"
                            + (transportErrors > 0 ? " after " + transportErrors + " transport error(s)" : ""));
                }
            }
            if (deadline.remaining().compareTo(spec.interval()) <= 0) {
                throw new CheckFailure(uri + ": out of time after " + successes + " good answer(s)"
                        + (lastTransportError == null ? "" : "; last transport error: " + lastTransportError));
            }
            Thread.sleep(spec.interval());
        }
    }

    private URI target() throws CheckFailure {
        if (spec.url() != null) {
            return spec.url();
        }
        URI base = deployment.testEndpoint();
        return base.resolve(spec.path());
    }

    private HttpRequest request(URI uri, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(spec.method(), spec.body() == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(spec.body()));
        spec.headers().forEach(builder::header);
        return builder.build();
    }

    /** Null when the answer is right; otherwise what is wrong with it (never the body itself). */
    private String wrongAnswer(HttpResponse<String> response, long millis) {
        if (response.statusCode() != spec.expectStatus()) {
            return "HTTP " + response.statusCode() + ", expected " + spec.expectStatus();
        }
        if (spec.maxLatency() != null && millis > spec.maxLatency().toMillis()) {
            return "answered in " + millis + " ms, limit " + spec.maxLatency().toMillis() + " ms";
        }
        String body = response.body();
        if (spec.bodyContains() != null && (body == null || !body.contains(spec.bodyContains()))) {
            return "body does not contain '" + spec.bodyContains() + "'";
        }
        if (spec.jsonPointer() != null) {
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
