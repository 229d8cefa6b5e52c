package dev.shepherd.compliance;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Why a check could not look, in words, from the SDK's exception; AWS error messages carry no secret values. */
final class AwsErrors {
    /** How AWS refuses a Region the account has not enabled: the credentials do not exist there. */
    private static final Set<String> REGION_NOT_ENABLED = Set.of("UnrecognizedClientException", "InvalidClientTokenId");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded");
    private static final Set<String> BAD_TOKEN = Set.of("InvalidNextToken", "InvalidNextTokenException");

    private AwsErrors() {
    }

    /** @param where the Region or service being read, e.g. "RDS in ap-northeast-1" */
    static String reason(SdkException e, String where) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            if (REGION_NOT_ENABLED.contains(code)) {
                return where + ": Region unavailable (" + code + ": the account's credentials are refused there; "
                        + "is the Region enabled?)";
            }
            if (ACCESS_DENIED.contains(code)) {
                return where + ": access denied (" + code + "); the function's role lacks the read permission";
            }
            if (THROTTLED.contains(code)) {
                return where + ": throttled past the SDK's retries (" + code + ")";
            }
            if (BAD_TOKEN.contains(code)) {
                return where + ": the listing broke off mid-way (" + code + "), so the inventory is incomplete";
            }
            return where + ": " + code + " (HTTP " + service.statusCode() + ")";
        }
        if (e instanceof SdkClientException) {
            return where + ": not reachable (" + e.getClass().getSimpleName() + ")";
        }
        return where + ": " + e.getClass().getSimpleName();
    }
}
