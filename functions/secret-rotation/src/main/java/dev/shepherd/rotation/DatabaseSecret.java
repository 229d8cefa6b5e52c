package dev.shepherd.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.util.List;
import java.util.Optional;

/**
 * A database secret in the JSON format AWS uses ({@code engine, host, port, username, password, dbname, masterarn,
 * ssl, ...}). Keys this class does not know are kept unchanged in every version it writes. {@link #toString()}
 * never shows the password.
 */
public final class DatabaseSecret {
    /** Keys only a database secret has; a generic secret may well hold {@code username} and {@code password}. */
    static final List<String> DATABASE_KEYS = List.of("engine", "host", "dbname", "masterarn");

    private final ObjectNode json;
    private final Engine engine;
    private final String host;
    private final int port;
    private final Optional<String> dbname;
    private final String username;
    private final String password;
    private final TlsPolicy tls;

    private DatabaseSecret(ObjectNode json, Engine engine, String host, int port, Optional<String> dbname,
            String username, String password, TlsPolicy tls) {
        this.json = json;
        this.engine = engine;
        this.host = host;
        this.port = port;
        this.dbname = dbname;
        this.username = username;
        this.password = password;
        this.tls = tls;
    }

    /**
     * Whether {@code value} is a database secret: a JSON object with any of {@link #DATABASE_KEYS} and no
     * {@code rotatedKeys} (which marks a generic secret). Such a value is then validated whole, so a misspelt or
     * missing key fails the step instead of the secret being rotated as a generic one. A value that starts with
     * {@code {} but is not valid JSON fails here.
     */
    public static boolean isDatabaseSecret(String value, String what) {
        return SecretJson.object(value, what)
                .map(o -> !o.has("rotatedKeys") && DATABASE_KEYS.stream().anyMatch(o::has)).orElse(false);
    }

    /**
     * Parses and validates; {@code what} names the version in error messages ("AWSCURRENT of arn:...").
     * Error messages name the key at fault, never a value other than the engine.
     */
    public static DatabaseSecret parse(String value, String what) {
        ObjectNode json = SecretJson.object(value, what)
                .orElseThrow(() -> new RotationException(what + " is not a JSON object"));
        String engineName = text(json, "engine", what);
        Engine engine = Engine.named(engineName).orElseThrow(() -> new RotationException(what + " has engine '"
                + engineName + "'; supported: " + Engine.allNames()));
        String host = text(json, "host", what);
        if (!Hosts.valid(host)) {
            throw new RotationException(what + " has 'host' that is not a DNS name or an IP address (only letters,"
                    + " digits, hyphens and dots; no port, path or options)");
        }
        String username = text(json, "username", what);
        String password = text(json, "password", what);
        int port = port(json.get("port"), engine, what);
        Optional<String> dbname = Optional.ofNullable(json.get("dbname")).filter(JsonNode::isTextual)
                .map(JsonNode::textValue).filter(s -> !s.isEmpty()).or(engine::defaultDatabase);
        return new DatabaseSecret(json, engine, host, port, dbname, username, password, TlsPolicy.of(json.get("ssl")));
    }

    /** This secret with other credentials; every other key is kept. */
    public String withCredentials(String newUsername, String newPassword) {
        ObjectNode copy = json.deepCopy();
        copy.put("username", newUsername);
        copy.put("password", newPassword);
        return Json.write(copy);
    }

    /** Another user at {@code otherHost:otherPort}, with this secret's database and TLS setting (the master). */
    public DatabaseSecret loginAs(String otherHost, int otherPort, String otherUser, String otherPassword) {
        return new DatabaseSecret(json, engine, otherHost, otherPort, dbname, otherUser, otherPassword, tls);
    }

    /** This secret with {@code tls} in place of its own setting (AWS tries AWSPREVIOUS with current's setting). */
    public DatabaseSecret withTls(TlsPolicy other) {
        return new DatabaseSecret(json, engine, host, port, dbname, username, password, other);
    }

    public Engine engine() {
        return engine;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Optional<String> dbname() {
        return dbname;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public TlsPolicy tls() {
        return tls;
    }

    public Optional<String> masterArn() {
        return Optional.ofNullable(json.get("masterarn")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .filter(s -> !s.isBlank());
    }

    /** user@host:port/db, for logs and messages. */
    @Override
    public String toString() {
        return username + "@" + host + ":" + port + dbname.map(d -> "/" + d).orElse("");
    }

    private static String text(ObjectNode json, String key, String what) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            throw new RotationException(what + " has no '" + key + "' key");
        }
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw new RotationException(what + " has '" + key + "' that is not a non-empty string");
        }
        return v.textValue();
    }

    /** A JSON integer or a string of digits, 1-65535: "5432abc" or 5432.5 must not be read as 5432. */
    static int port(JsonNode v, Engine engine, String what) {
        if (v == null || v.isNull()) {
            return engine.defaultPort();
        }
        long port = -1;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            port = v.longValue();
        } else if (v.isTextual() && v.textValue().matches("[0-9]{1,5}")) {
            port = Long.parseLong(v.textValue());
        }
        if (port < 1 || port > 65535) {
            throw new RotationException(what + " has 'port' that is not a port number (1-65535)");
        }
        return (int) port;
    }
}
