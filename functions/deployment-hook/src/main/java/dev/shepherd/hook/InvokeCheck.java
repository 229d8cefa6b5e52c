package dev.shepherd.hook;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import java.time.Duration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes the new function version with the plan's smoke payload, once (through a client without retries) and
 * within the check's own time. A function error still comes back as HTTP 200, so {@code FunctionError} is what
 * decides.
 */
final class InvokeCheck implements HookCheck {
    private final CheckPlan.Invoke spec;
    private final Deployment deployment;
    private final LambdaClient lambda;

    InvokeCheck(CheckPlan.Invoke spec, Deployment deployment, LambdaClient lambda) {
        this.spec = spec;
        this.deployment = deployment;
        this.lambda = lambda;
    }

    @Override
    public CheckPlan.Invoke spec() {
        return spec;
    }

    @Override
    public CheckResult run(Deadline deadline) throws CheckFailure {
        Deployment.FunctionVersion target = deployment.newFunctionVersion();
        // The client never retries (Invoke is not idempotent); the one attempt ends with the check's own time.
        Duration left = deadline.remaining();
        InvokeResponse response = lambda.invoke(b -> b.functionName(target.functionName()).qualifier(target.version())
                .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromUtf8String(spec.payload()))
                .overrideConfiguration(o -> o.apiCallTimeout(left).apiCallAttemptTimeout(left)));
        String where = target.functionName() + ":" + target.version();
        if (response.functionError() != null) {
            throw new CheckFailure(where + " returned a function error (" + response.functionError() + ")");
        }
        if (response.statusCode() == null || response.statusCode() != 200) {
            throw new CheckFailure(where + " answered status " + response.statusCode() + ", expected 200");
        }
        return CheckResult.pass(spec.type(), spec.name(), where + " answered the smoke payload without error");
    }
}
