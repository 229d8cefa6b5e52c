package dev.shepherd.hook;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/** A Lambda context whose remaining time runs down with the wall clock from a chosen start. */
final class TestContext implements Context {
    private final long endNanos;

    TestContext(Duration remaining) {
        this.endNanos = System.nanoTime() + remaining.toNanos();
    }

    @Override
    public String getAwsRequestId() {
        return "7d3c1f0e-test-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/shepherd-dev-deployment-hook";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/26/[$LATEST]test";
    }

    @Override
    public String getFunctionName() {
        return "shepherd-dev-deployment-hook";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:111122223333:function:shepherd-dev-deployment-hook";
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
        return (int) Math.max(0, Duration.ofNanos(endNanos - System.nanoTime()).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message));
            }
        };
    }
}
