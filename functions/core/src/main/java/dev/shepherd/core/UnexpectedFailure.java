package dev.shepherd.core;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An exception a function did not anticipate, stripped of its messages for the log and for throwing on: the type
 * and stack trace of it and each cause say where it happened, while a message written by a library might quote an
 * input or a secret value. An AWS service error keeps its error code and HTTP status, which carry no value.
 */
public final class UnexpectedFailure extends RuntimeException {
    private UnexpectedFailure(Throwable original) {
        super(original.getClass().getName() + awsCode(original), original.getCause() == null ? null
                : new UnexpectedFailure(original.getCause()), false, true);
        setStackTrace(original.getStackTrace());
    }

    public static UnexpectedFailure of(Throwable original) {
        return new UnexpectedFailure(original);
    }

    /** " (AWS error code X, HTTP status N)" for an AWS service error, else empty. */
    static String awsCode(Throwable e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return " (AWS error code " + aws.awsErrorDetails().errorCode() + ", HTTP status " + aws.statusCode() + ")";
        }
        return "";
    }
}
