package dev.shepherd.core.notify;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.http.HttpFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * POSTs a JSON body to a webhook through {@link GuardedHttp}, retrying what a retry can cure (429, 5xx, no
 * connection, no answer in time) with exponential backoff and jitter while the deadline allows, and never what it
 * cannot (other 4xx). Every reason it gives is scrubbed of the secret's values.
 */
final class WebhookPost {
    static final int MAX_ATTEMPTS = 3;
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BASE_BACKOFF = Duration.ofMillis(200);
    /** A longer Retry-After than this is not waited for: a notifier that waits a minute misses its own deadline. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);
    /** Less time than this left is not worth another attempt. */
    static final Duration MIN_ATTEMPT = Duration.ofMillis(200);
    private static final int READ_BYTES = 2048;

    private final GuardedHttp http;
    private final boolean httpsOnly;

    WebhookPost(GuardedHttp http, boolean httpsOnly) {
        this.http = http;
        this.httpsOnly = httpsOnly;
    }

    /** @param refused run when the webhook says the credentials are revoked or refused (401, 403, 404, 410) */
    Delivery post(String channel, String type, WebhookSecret secret, String secretId, String json, Deadline deadline,
            Runnable refused) {
        GuardedHttp.Request request = new GuardedHttp.Request("POST", secret.url(),
                Map.of("Content-Type", "application/json; charset=utf-8"), json.getBytes(StandardCharsets.UTF_8),
                httpsOnly, READ_BYTES);
        int attempt = 0;
        String last = "no attempt: the deadline had passed";
        while (attempt < MAX_ATTEMPTS) {
            Duration timeout = deadline.cap(ATTEMPT_TIMEOUT);
            if (timeout.compareTo(MIN_ATTEMPT) < 0) {
                return Delivery.failed(channel, type, attempt, scrub(last + (attempt > 0 ? "; no time left to retry"
                        : ""), secret));
            }
            attempt++;
            Duration wait;
            try {
                GuardedHttp.Response response = http.send(request, timeout);
                int status = response.status();
                if (status >= 200 && status < 300) {
                    return Delivery.delivered(channel, type, attempt, "HTTP " + status);
                }
                if (status != 429 && status < 500) {
                    if (status == 401 || status == 403 || status == 404 || status == 410) {
                        refused.run();
                    }
                    return Delivery.failed(channel, type, attempt, scrub(finalStatus(status, response, secretId), secret));
                }
                last = "HTTP " + status + (attempt > 1 ? " after " + attempt + " attempts" : "");
                Duration retryAfter = retryAfter(response);
                if (retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
                    return Delivery.failed(channel, type, attempt, "HTTP " + status + ": Retry-After "
                            + retryAfter.toSeconds() + " s is longer than Shepherd waits (" + MAX_RETRY_AFTER.toSeconds()
                            + " s)");
                }
                wait = retryAfter != null ? retryAfter : backoff(attempt);
            } catch (HttpFailure e) {
                last = e.getMessage() + (attempt > 1 ? " after " + attempt + " attempts" : "");
                boolean retriable = e.transientFailure() || e.kind() == HttpFailure.Kind.TIMEOUT;
                if (!retriable) {
                    return Delivery.failed(channel, type, attempt, scrub(last, secret));
                }
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Delivery.failed(channel, type, attempt, "interrupted: out of time");
            }
            if (attempt >= MAX_ATTEMPTS) {
                break;
            }
            if (deadline.remaining().minus(wait).compareTo(MIN_ATTEMPT) < 0) {
                return Delivery.failed(channel, type, attempt, scrub(last + "; no time left to retry", secret));
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Delivery.failed(channel, type, attempt, scrub(last + "; interrupted while waiting to retry",
                        secret));
            }
        }
        return Delivery.failed(channel, type, attempt, scrub(last, secret));
    }

    private static String finalStatus(int status, GuardedHttp.Response response, String secretId) {
        if (status == 404 || status == 410) {
            return "HTTP " + status + ": the webhook was revoked or deleted; put a new one in secret " + secretId;
        }
        if (status == 401 || status == 403) {
            return "HTTP " + status + ": the webhook refused the credentials in secret " + secretId;
        }
        String body = Text.cut(Text.oneLine(response.text()), 200);
        return "HTTP " + status + " (not retried)" + (body.isEmpty() ? "" : ": " + body);
    }

    /** Retry-After in seconds (the HTTP-date form is ignored: backoff applies). */
    static Duration retryAfter(GuardedHttp.Response response) {
        List<String> values = response.headers().get("retry-after");
        if (values == null || values.isEmpty() || !values.getFirst().strip().matches("[0-9]{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(values.getFirst().strip()));
    }

    /** 200 ms, 400 ms, ... each drawn between half and all of it, so retries from many functions spread out. */
    static Duration backoff(int attempt) {
        long full = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 6);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(full / 2, full + 1));
    }

    /** Removes every secret value from a reason, and shows the URL as scheme, host and port only. */
    static String scrub(String reason, WebhookSecret secret) {
        String out = reason.replace(GuardedHttp.redact(secret.url()), secret.where());
        for (String value : secret.sensitive()) {
            out = out.replace(value, "***");
        }
        return out;
    }
}
