package dev.shepherd.rotation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The database engines the {@code engine} key may name, as AWS spells them. */
public enum Engine {
    POSTGRES(List.of("postgres", "aurora-postgresql"), 5432, "postgres", RotationSettings.POSTGRES_EXCLUDED),
    MYSQL(List.of("mysql", "aurora-mysql"), 3306, null, RotationSettings.DEFAULT_EXCLUDED),
    MARIADB(List.of("mariadb"), 3306, null, RotationSettings.DEFAULT_EXCLUDED);

    /** PostgreSQL truncates identifiers beyond NAMEDATALEN-1 bytes; MariaDB accepts user names of 80 characters. */
    private static final int POSTGRES_NAME_BYTES = 63;
    private static final int MARIADB_NAME_CHARS = 80;

    private final List<String> names;
    private final int defaultPort;
    private final String defaultDatabase;
    private final String defaultExclusions;

    Engine(List<String> names, int defaultPort, String defaultDatabase, String defaultExclusions) {
        this.names = names;
        this.defaultPort = defaultPort;
        this.defaultDatabase = defaultDatabase;
        this.defaultExclusions = defaultExclusions;
    }

    public static Optional<Engine> named(String engine) {
        return Arrays.stream(values()).filter(e -> e.names.contains(engine)).findFirst();
    }

    public static List<String> allNames() {
        return Arrays.stream(values()).flatMap(e -> e.names.stream()).toList();
    }

    public int defaultPort() {
        return defaultPort;
    }

    public Optional<String> defaultDatabase() {
        return Optional.ofNullable(defaultDatabase);
    }

    public String defaultExclusions() {
        return defaultExclusions;
    }

    /** Whether {@code user} fits this engine's user-name limit ({@code mysqlLimit} is configurable, as in AWS's). */
    public boolean fits(String user, int mysqlLimit) {
        return switch (this) {
            case POSTGRES -> user.getBytes(StandardCharsets.UTF_8).length <= POSTGRES_NAME_BYTES;
            case MARIADB -> user.codePointCount(0, user.length()) <= MARIADB_NAME_CHARS;
            case MYSQL -> user.codePointCount(0, user.length()) <= mysqlLimit;
        };
    }

    /** The limit in words, for error messages. */
    public String limit(int mysqlLimit) {
        return switch (this) {
            case POSTGRES -> POSTGRES_NAME_BYTES + " bytes";
            case MARIADB -> MARIADB_NAME_CHARS + " characters";
            case MYSQL -> mysqlLimit + " characters (USERNAME_CHARACTER_LIMIT)";
        };
    }
}
