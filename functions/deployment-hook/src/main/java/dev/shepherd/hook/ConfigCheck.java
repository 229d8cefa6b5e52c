package dev.shepherd.hook;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Named SSM parameters exist and are non-empty; named secrets exist, are not scheduled for deletion and have an
 * {@code AWSCURRENT} version. Secret values are never fetched; parameter values are read only to test emptiness and
 * are never logged, kept or put in a reason; reasons name the item and the error code only.
 */
final class ConfigCheck implements HookCheck {
    private static final String CURRENT = "AWSCURRENT";
    private final CheckPlan.ConfigPresent spec;
    private final Parameters parameters;
    private final SecretsManagerClient secrets;

    ConfigCheck(CheckPlan.ConfigPresent spec, Parameters parameters, SecretsManagerClient secrets) {
        this.spec = spec;
        this.parameters = parameters;
        this.secrets = secrets;
    }

    @Override
    public CheckPlan.ConfigPresent spec() {
        return spec;
    }

    @Override
    public CheckResult run(Deadline deadline) throws CheckFailure {
        List<String> problems = new ArrayList<>();
        for (String name : spec.parameters()) {
            try {
                Optional<String> value = parameters.find(name);
                if (value.isEmpty()) {
                    problems.add("parameter " + name + " does not exist");
                } else if (value.get().isBlank()) {
                    problems.add("parameter " + name + " is empty");
                }
            } catch (RuntimeException e) {
                problems.add("parameter " + name + " cannot be read (" + errorCode(e) + ")");
            }
        }
        for (String id : spec.secrets()) {
            try {
                // DescribeSecret proves a current value exists without the value ever reaching this function.
                DescribeSecretResponse secret = secrets.describeSecret(b -> b.secretId(id));
                if (secret.deletedDate() != null) {
                    problems.add("secret " + id + " is scheduled for deletion");
                } else if (secret.versionIdsToStages().values().stream().noneMatch(s -> s.contains(CURRENT))) {
                    problems.add("secret " + id + " has no " + CURRENT + " version");
                }
            } catch (ResourceNotFoundException e) {
                problems.add("secret " + id + " does not exist");
            } catch (SdkException e) {
                problems.add("secret " + id + " cannot be described (" + errorCode(e) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckFailure(String.join("; ", problems));
        }
        return CheckResult.pass(spec.type(), spec.name(), spec.parameters().size() + " parameter(s) and "
                + spec.secrets().size() + " secret(s) present");
    }

    /** The service's error code (AccessDeniedException...), not its message, which could echo request data. */
    private static String errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                    && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
                return aws.awsErrorDetails().errorCode();
            }
        }
        return e.getClass().getSimpleName();
    }
}
