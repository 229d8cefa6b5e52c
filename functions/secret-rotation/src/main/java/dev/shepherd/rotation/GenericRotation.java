package dev.shepherd.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.http.HttpFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;

/**
 * A secret that is not a database's: a bare string is replaced whole; a JSON object gets new random values for
 * its {@code rotatedKeys} (default {@code ["password"]}) and keeps every other key. There is nothing to set.
 * If the object has {@code testUrl}, testSecret sends it a GET with HTTP Basic credentials ({@code username},
 * if any, and the first rotated key) and requires a 2xx answer. The call goes through core's {@link GuardedHttp}:
 * vetted addresses only (never metadata, link-local or, in Lambda, loopback), https in Lambda, no redirects, no
 * body read, bounded by the deadline. The URL is logged without its query or user info, which may hold keys.
 */
final class GenericRotation implements RotationStrategy {
    private static final List<String> DEFAULT_KEYS = List.of("password");

    private final SecretStore store;
    private final RotationSettings settings;
    private final GuardedHttp http;

    GenericRotation(SecretStore store, RotationSettings settings, GuardedHttp http) {
        this.store = store;
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String newValue(String current) {
        JsonNode json = object(current);
        if (json == null) {
            return barePassword();
        }
        ObjectNode copy = (ObjectNode) json.deepCopy();
        for (String key : rotatedKeys(copy, "The current version")) {
            copy.put(key, password());
        }
        return Json.write(copy);
    }

    @Override
    public void checkPending(String pending) {
        if (pending.isEmpty()) {
            throw new RotationException("The pending version is empty");
        }
        JsonNode json = object(pending);
        if (json != null) {
            rotatedKeys(json, "The pending version");
        }
    }

    @Override
    public String set(String secretId, String current, String pending, Deadline deadline) {
        return "a generic secret has no target to update: nothing to set";
    }

    @Override
    public String test(String secretId, String pending, Deadline deadline) {
        checkPending(pending);
        JsonNode json = object(pending);
        if (json == null || !json.path("testUrl").isTextual()) {
            return "the pending value is present and well-formed (no testUrl to call)";
        }
        URI uri;
        try {
            uri = new URI(json.get("testUrl").textValue());
        } catch (URISyntaxException e) {
            throw new RotationException("testUrl of the pending version is not a valid URL");
        }
        String where = GuardedHttp.redact(uri);
        String user = json.path("username").asText("");
        String secret = json.get(rotatedKeys(json, "The pending version").getFirst()).asText();
        String basic = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Duration left = deadline.remaining();
        if (left.compareTo(DatabaseLogin.MINIMUM) < 0) {
            throw new RotationException("Lambda deadline reached before calling testUrl " + where);
        }
        GuardedHttp.Request request = GuardedHttp.Request.get(uri).withHeaders(Map.of("Authorization", "Basic " + basic))
                .httpsRequired(settings.testUrlHttpsOnly());
        try {
            GuardedHttp.Response response = http.send(request, left);
            if (response.status() / 100 != 2) {
                throw new RotationException("testUrl " + where + " refused the pending credentials: HTTP "
                        + response.status());
            }
            return "testUrl " + where + " accepted the pending credentials (HTTP " + response.status() + ")";
        } catch (HttpFailure e) {
            throw new RotationException("Calling testUrl failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RotationException("Interrupted while calling testUrl " + where);
        }
    }

    private String password() {
        return store.randomPassword(settings.passwordRequest(RotationSettings.DEFAULT_EXCLUDED));
    }

    /**
     * A bare string's new value never contains '{': a value that starts with one is read as JSON (so that a
     * malformed JSON secret fails instead of being replaced whole), and the next rotation would refuse it.
     */
    private String barePassword() {
        GetRandomPasswordRequest request = settings.passwordRequest(RotationSettings.DEFAULT_EXCLUDED);
        return store.randomPassword(request.toBuilder().excludeCharacters(request.excludeCharacters() + "{").build());
    }

    private static List<String> rotatedKeys(JsonNode json, String what) {
        JsonNode configured = json.get("rotatedKeys");
        List<String> keys = new ArrayList<>();
        if (configured == null) {
            keys.addAll(DEFAULT_KEYS);
        } else if (configured.isArray() && !configured.isEmpty()) {
            configured.forEach(k -> keys.add(k.asText()));
        } else {
            throw new RotationException(what + " has 'rotatedKeys' that is not a non-empty array of key names");
        }
        for (String key : keys) {
            if (!json.path(key).isTextual()) {
                throw new RotationException(what + " has no string key '" + key + "' to rotate");
            }
        }
        return keys;
    }

    /** The value as a JSON object, or null for a bare string; a value that starts with '{' must parse. */
    private static JsonNode object(String value) {
        return SecretJson.object(value, "The secret value").orElse(null);
    }
}
