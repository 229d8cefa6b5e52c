package dev.shepherd.sandbox;

import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ServiceNames;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * A client in an opt-in Region the account has not enabled: every call is journaled, then refused as AWS refuses it,
 * HTTP 403 with the code {@code UnrecognizedClientException} (JSON services) or {@code InvalidClientTokenId} (query
 * services), "The security token included in the request is invalid.": the account's credentials do not exist there.
 * Paginators and builder-style overloads reach the same refusal when they call.
 */
final class DisabledRegion {
    static final String MESSAGE = "The security token included in the request is invalid.";
    /** IAM prefixes of the query-protocol services, which name the error InvalidClientTokenId. */
    private static final Set<String> QUERY_SERVICES = Set.of("rds", "sns", "cloudwatch", "elasticloadbalancing", "sts",
            "iam", "autoscaling");

    private DisabledRegion() {
    }

    static <T extends SdkClient> T client(Class<T> type, CallJournal journal) {
        String service = ServiceNames.iamPrefix(type);
        String code = QUERY_SERVICES.contains(service) ? "InvalidClientTokenId" : "UnrecognizedClientException";
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> type.getSimpleName() + " in a Region that is not enabled";
                };
            }
            if (method.getName().equals("serviceName")) {
                return type.getField("SERVICE_NAME").get(null);
            }
            if (method.getName().equals("close")) {
                return null;
            }
            if (isOperation(method)) {
                journal.record(service, operation(method), (SdkRequest) args[0]);
                throw refusal(type, code);
            }
            return InvocationHandler.invokeDefault(proxy, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static boolean isOperation(Method method) {
        return method.getParameterCount() == 1 && SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])
                && SdkResponse.class.isAssignableFrom(method.getReturnType());
    }

    /** The client's method name keeps the service's spelling ({@code describeDBInstances} → DescribeDBInstances). */
    private static String operation(Method method) {
        return Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
    }

    private static AwsServiceException refusal(Class<?> type, String code) {
        String base = type.getPackageName() + ".model." + type.getSimpleName().replaceFirst("Client$", "Exception");
        try {
            AwsServiceException.Builder builder = (AwsServiceException.Builder) Class.forName(base, true,
                    type.getClassLoader()).getMethod("builder").invoke(null);
            return FakeService.error(builder, code, 403, MESSAGE);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no base exception " + base, e);
        }
    }
}
