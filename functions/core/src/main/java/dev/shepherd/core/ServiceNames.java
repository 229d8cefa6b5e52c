package dev.shepherd.core;

import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;

/** Maps SDK clients and requests to the names IAM uses ({@code codedeploy:GetDeployment}). */
public final class ServiceNames {
    /** Where the endpoint prefix a client declares differs from the IAM action prefix. */
    private static final Map<String, String> IAM_PREFIX_BY_ENDPOINT = Map.of("monitoring", "cloudwatch");

    private ServiceNames() {
    }

    /** The IAM action prefix of an SDK client interface, from its {@code SERVICE_NAME} constant. */
    public static String iamPrefix(Class<?> clientType) {
        try {
            String endpointPrefix = (String) clientType.getField("SERVICE_NAME").get(null);
            return IAM_PREFIX_BY_ENDPOINT.getOrDefault(endpointPrefix, endpointPrefix);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(clientType.getName() + " has no SERVICE_NAME", e);
        }
    }

    /** The API operation a request is for: {@code PutLifecycleEventHookExecutionStatusRequest} → its name without "Request". */
    public static String operation(SdkRequest request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }
}
