package dev.shepherd.hook;

import dev.shepherd.core.check.CheckFailure;
import java.net.URI;

/**
 * What checks need to know about the replacement (green) side, found from the deployment itself and never
 * hard-coded. Each lookup runs only when a check asks for it.
 */
public interface Deployment {
    /** ARN of the target group the replacement tasks register in. */
    String greenTargetGroupArn() throws CheckFailure;

    /** {@code scheme://host:port} of the test listener that routes to the replacement. */
    URI testEndpoint() throws CheckFailure;

    /** The function and version a Lambda deployment shifts traffic to. */
    FunctionVersion newFunctionVersion() throws CheckFailure;

    record FunctionVersion(String functionName, String version) {
    }
}
