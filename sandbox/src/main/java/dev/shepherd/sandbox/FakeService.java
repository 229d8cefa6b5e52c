package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ServiceNames;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Base of every fake: journals each call as the real clients do, builds service errors the way the SDK
 * surfaces them, and takes its state from the scenario section named {@link #scenarioKey()}.
 * Operations a fake does not override keep the SDK interface's default, which throws
 * {@link UnsupportedOperationException}, so an unexpected call fails the test.
 */
public abstract class FakeService {
    private final CallJournal journal;
    private final String iamPrefix;

    protected FakeService(CallJournal journal, Class<?> clientType) {
        this.journal = journal;
        this.iamPrefix = ServiceNames.iamPrefix(clientType);
    }

    /** The top-level key of this service's section in a scenario file (e.g. {@code "codedeploy"}). */
    public abstract String scenarioKey();

    /** Adds the state described by this service's scenario section. */
    public abstract void seed(JsonNode section);

    protected final void record(SdkRequest request) {
        journal.record(iamPrefix, ServiceNames.operation(request), request);
    }

    /** Fills a service exception the way the SDK unmarshals one: error code, message, HTTP status. */
    protected static <E extends AwsServiceException> E error(AwsServiceException.Builder builder, String code,
            int status, String message) {
        @SuppressWarnings("unchecked")
        E e = (E) builder.message(message).statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
        return e;
    }

    public String serviceName() {
        return iamPrefix;
    }

    public void close() {
    }
}
