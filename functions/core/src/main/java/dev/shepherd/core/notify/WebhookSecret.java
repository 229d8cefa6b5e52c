package dev.shepherd.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A webhook's credentials as its secret holds them: Slack and Teams {@code {"url": "https://..."}}, PagerDuty
 * {@code {"routingKey": "<32 letters or digits>", "url": "https://..."}} with the URL optional. The routing key goes
 * only to the URL in the same secret: whoever owns the key names where it is sent. {@link #toString} shows neither.
 */
record WebhookSecret(URI url, String routingKey) {
    static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");

    /** @param pagerDuty a PagerDuty secret (routingKey required, url optional) rather than a Slack or Teams one */
    static WebhookSecret parse(String secretId, String value, boolean pagerDuty, boolean httpsOnly)
            throws SecretProblem {
        JsonNode node;
        try {
            node = Json.parse(value);
        } catch (IllegalArgumentException e) {
            throw new SecretProblem("secret " + secretId + " is not valid JSON (" + e.getMessage() + ")");
        }
        String expected = pagerDuty ? "{\"routingKey\": \"...\", \"url\": \"https://...\" (optional)}"
                : "{\"url\": \"https://...\"}";
        if (!node.isObject()) {
            throw new SecretProblem("secret " + secretId + " must be a JSON object " + expected);
        }
        Set<String> allowed = pagerDuty ? Set.of("routingKey", "url") : Set.of("url");
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        // Unknown key names are not repeated: a misplaced value may sit in a key.
        if (!allowed.containsAll(keys)) {
            throw new SecretProblem("secret " + secretId + " has keys other than " + allowed + "; expected " + expected);
        }
        URI url = PAGERDUTY_EVENTS;
        if (node.has("url") || !pagerDuty) {
            url = url(secretId, node.path("url"), httpsOnly);
        }
        String routingKey = null;
        if (pagerDuty) {
            JsonNode key = node.path("routingKey");
            if (!key.isTextual() || !key.asText().matches("[A-Za-z0-9]{32}")) {
                throw new SecretProblem("secret " + secretId + ": routingKey must be the integration's 32 letters or"
                        + " digits");
            }
            routingKey = key.asText();
        }
        return new WebhookSecret(url, routingKey);
    }

    private static URI url(String secretId, JsonNode node, boolean httpsOnly) throws SecretProblem {
        String need = httpsOnly ? "an absolute https URL" : "an absolute http(s) URL";
        if (!node.isTextual()) {
            throw new SecretProblem("secret " + secretId + ": url must be " + need);
        }
        URI uri;
        try {
            uri = new URI(node.asText());
        } catch (java.net.URISyntaxException e) {
            throw new SecretProblem("secret " + secretId + ": url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = scheme.equals("https") || (!httpsOnly && scheme.equals("http"));
        if (!schemeOk || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new SecretProblem("secret " + secretId + ": url must be " + need + " with a host, without user"
                    + " info or fragment");
        }
        return uri;
    }

    /** The strings that must never leave the function: the whole URL, its path and query, the routing key. */
    List<String> sensitive() {
        List<String> values = new ArrayList<>(List.of(url.toString()));
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
            values.add(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            values.add(url.getRawQuery());
        }
        if (routingKey != null) {
            values.add(routingKey);
        }
        return values;
    }

    /** What may be shown of the URL: scheme, host and port. */
    String where() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + where() + ", redacted]";
    }
}
