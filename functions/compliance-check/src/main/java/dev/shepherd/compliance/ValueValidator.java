package dev.shepherd.compliance;

import dev.shepherd.core.notify.Routes;
import java.util.Map;

/**
 * A parameter's value checked the way the function that reads it checks it at init. Throws
 * {@link dev.shepherd.core.ConfigException} naming each problem.
 */
@FunctionalInterface
interface ValueValidator {
    /** The validators reachable from this module (core's), by relative name: the route file. */
    Map<String, ValueValidator> CORE = Map.of("routes", Routes::parse);

    /** @param source the parameter's name, put before each problem */
    void validate(String value, String source);
}
