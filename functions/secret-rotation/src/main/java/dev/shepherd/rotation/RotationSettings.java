package dev.shepherd.rotation;

import dev.shepherd.core.Config;
import dev.shepherd.core.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;

/**
 * The function's environment, read and validated at init. Password settings use the names and defaults of AWS's
 * own rotation functions, so a function can be swapped in without changing its configuration.
 *
 * @param excludeCharacters {@code EXCLUDE_CHARACTERS}; empty means the engine's default (AWS's: PostgreSQL also
 *                          excludes {@code :}, which breaks connection URIs)
 * @param caBundle          {@code DB_CA_BUNDLE}: PEM file of the CAs that sign database certificates (for RDS, the
 *                          RDS global bundle); absent means the JVM's trust store
 * @param testUrlLoopback   {@code HTTP_ALLOW_LOOPBACK}: a generic secret's {@code testUrl} may be on loopback (local runs
 *                          only; refused in Lambda, where the Runtime API listens there)
 * @param testUrlHttpsOnly  in Lambda a {@code testUrl} must be https: it receives the new credentials
 */
public record RotationSettings(String environment, Optional<String> excludeCharacters, int passwordLength,
        boolean excludeNumbers, boolean excludePunctuation, boolean excludeUppercase, boolean excludeLowercase,
        boolean requireEachIncludedType, int mysqlUsernameLimit, Optional<Path> caBundle, boolean testUrlLoopback,
        boolean testUrlHttpsOnly) {

    static final String DEFAULT_EXCLUDED = "/@\"'\\";
    static final String POSTGRES_EXCLUDED = ":" + DEFAULT_EXCLUDED;
    private static final Set<String> TRUE = Set.of("true", "1", "y", "yes");
    private static final Set<String> FALSE = Set.of("false", "0", "n", "no");

    public static RotationSettings from(Platform platform) {
        Config config = new Config(platform);
        String environment = config.environment();
        Optional<String> exclude = Optional.ofNullable(platform.env().get("EXCLUDE_CHARACTERS")).filter(s -> !s.isEmpty());
        int length = config.integer("PASSWORD_LENGTH", 32, 1, 4096);
        boolean numbers = flag(config, platform, "EXCLUDE_NUMBERS", false);
        boolean punctuation = flag(config, platform, "EXCLUDE_PUNCTUATION", false);
        boolean upper = flag(config, platform, "EXCLUDE_UPPERCASE", false);
        boolean lower = flag(config, platform, "EXCLUDE_LOWERCASE", false);
        boolean each = flag(config, platform, "REQUIRE_EACH_INCLUDED_TYPE", true);
        int mysqlLimit = config.integer("USERNAME_CHARACTER_LIMIT", 16, 1, 32);
        Optional<Path> ca = Optional.ofNullable(platform.env("DB_CA_BUNDLE")).map(Path::of);
        ca.filter(p -> !Files.isReadable(p))
                .ifPresent(p -> config.problem("DB_CA_BUNDLE is '" + p + "', which is not a readable file"));
        if (numbers && punctuation && upper && lower) {
            config.problem("EXCLUDE_NUMBERS, EXCLUDE_PUNCTUATION, EXCLUDE_UPPERCASE and EXCLUDE_LOWERCASE are all true:"
                    + " no character is left to build a password from");
        }
        boolean loopback = config.loopbackAllowed();
        config.validate();
        return new RotationSettings(environment, exclude, length, numbers, punctuation, upper, lower, each, mysqlLimit, ca,
                loopback, platform.inLambda());
    }

    /** The {@code GetRandomPassword} request for a new password; {@code engineDefault} applies when none is configured. */
    public GetRandomPasswordRequest passwordRequest(String engineDefaultExclusions) {
        return GetRandomPasswordRequest.builder()
                .excludeCharacters(excludeCharacters.orElse(engineDefaultExclusions))
                .passwordLength((long) passwordLength)
                .excludeNumbers(excludeNumbers).excludePunctuation(excludePunctuation)
                .excludeUppercase(excludeUppercase).excludeLowercase(excludeLowercase)
                .requireEachIncludedType(requireEachIncludedType)
                .build();
    }

    private static boolean flag(Config config, Platform platform, String name, boolean fallback) {
        String value = platform.env(name);
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (!FALSE.contains(v)) {
            config.problem(name + " is '" + value + "', expected true/false (also 1/0, y/n, yes/no)");
        }
        return false;
    }
}
