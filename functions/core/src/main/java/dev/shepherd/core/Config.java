package dev.shepherd.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a function's environment variables, collecting every problem instead of stopping at the first.
 * Call {@link #validate()} once all items are read, at init, so a misconfigured function fails fast
 * with one message naming everything that is wrong.
 */
public final class Config {
    public static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "prod");

    private final Platform platform;
    private final List<String> problems = new ArrayList<>();

    public Config(Platform platform) {
        this.platform = platform;
    }

    public String required(String name, String meaning) {
        String value = platform.env(name);
        if (value == null) {
            problems.add(name + " is not set (" + meaning + ")");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = platform.env(name);
        return value == null ? fallback : value;
    }

    public String oneOf(String name, Set<String> allowed) {
        String value = platform.env(name);
        if (value == null) {
            problems.add(name + " is not set (one of " + sorted(allowed) + ")");
        } else if (!allowed.contains(value)) {
            problems.add(name + " is '" + value + "', expected one of " + sorted(allowed));
        }
        return value;
    }

    /** The deployment environment, from {@code SHEPHERD_ENVIRONMENT}. */
    public String environment() {
        return oneOf("SHEPHERD_ENVIRONMENT", ENVIRONMENTS);
    }

    public Duration seconds(String name, Duration fallback) {
        return parsed(name, fallback, v -> Duration.ofSeconds(Long.parseLong(v)), "a whole number of seconds");
    }

    public int integer(String name, int fallback, int min, int max) {
        Integer value = parsed(name, fallback, Integer::parseInt, "a whole number");
        if (value != null && (value < min || value > max)) {
            problems.add(name + " is " + value + ", expected " + min + " to " + max);
        }
        return value == null ? fallback : value;
    }

    /**
     * {@code HTTP_ALLOW_LOOPBACK} (true or false, default false): whether outbound HTTP to configured URLs may reach
     * loopback, for local sandbox runs. Refused in Lambda, whose Runtime API listens on loopback.
     */
    public boolean loopbackAllowed() {
        String value = optional("HTTP_ALLOW_LOOPBACK", "false");
        if (!value.equals("true") && !value.equals("false")) {
            problems.add("HTTP_ALLOW_LOOPBACK is '" + value + "', expected true or false");
            return false;
        }
        if (value.equals("true") && platform.inLambda()) {
            problems.add("HTTP_ALLOW_LOOPBACK is true in Lambda (AWS_LAMBDA_RUNTIME_API is set); it is for local"
                    + " sandbox runs only");
            return false;
        }
        return value.equals("true");
    }

    /** Records a problem found by the caller's own validation. */
    public void problem(String message) {
        problems.add(message);
    }

    /** @throws ConfigException naming every problem found so far */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private <T> T parsed(String name, T fallback, Function<String, T> parser, String expected) {
        String value = platform.env(name);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            problems.add(name + " is '" + value + "', expected " + expected);
            return fallback;
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
