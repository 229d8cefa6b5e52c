package dev.shepherd.core.notify;

import dev.shepherd.core.Deadline;

/** A channel that POSTs JSON to a URL held in a secret: Slack, Teams, PagerDuty. */
abstract class WebhookChannel implements Channel {
    private final String name;
    private final SecretSource secret;
    private final WebhookPost post;
    private final boolean httpsOnly;

    WebhookChannel(String name, SecretSource secret, WebhookPost post, boolean httpsOnly) {
        this.name = name;
        this.secret = secret;
        this.post = post;
        this.httpsOnly = httpsOnly;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether the secret holds a PagerDuty routing key rather than a bare webhook URL. */
    boolean pagerDuty() {
        return false;
    }

    /** The JSON body this service receives for the notice. */
    abstract String body(Notice notice, WebhookSecret secret);

    /** Why this channel does not carry the notice at all (decided before the secret is read), or null. */
    String skipReason(Notice notice) {
        return null;
    }

    @Override
    public Delivery send(Notice notice, Deadline deadline) {
        String skip = skipReason(notice);
        if (skip != null) {
            return Delivery.skipped(name, type(), skip);
        }
        WebhookSecret credentials;
        try {
            credentials = WebhookSecret.parse(secret.secretId(), secret.read(), pagerDuty(), httpsOnly);
        } catch (SecretProblem e) {
            secret.forget();
            return Delivery.failed(name, type(), 0, e.getMessage());
        }
        // Revoked or refused: the secret is read afresh next time, it may have been replaced since.
        return post.post(name, type(), credentials, secret.secretId(), body(notice, credentials), deadline,
                secret::forget);
    }
}
