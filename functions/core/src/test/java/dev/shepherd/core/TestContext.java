package dev.shepherd.core;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context with a fixed remaining time; {@code broken} makes the request id unreadable. */
record TestContext(int remainingMillis, boolean broken) implements Context {
    TestContext(int remainingMillis) {
        this(remainingMillis, false);
    }

    @Override
    public String getAwsRequestId() {
        if (broken) {
            throw new IllegalStateException("no request id");
        }
        return "8f507cfc-example-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/core-test";
    }

    @Override
    public String getLogStreamName() {
        return "2025/06/18/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "core-test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:111122223333:function:core-test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
