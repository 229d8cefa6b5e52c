package dev.shepherd.compliance;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult.Status;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * Every secret in scope rotates on schedule (see {@link RotationVerdict} for the signals). ListSecrets is
 * eventually consistent ("might not reflect changes from the last five minutes"), so it only ever decides a pass: a
 * secret it shows failing is read again with DescribeSecret, and that view decides. Secrets scheduled for deletion
 * are not listed ({@code IncludePlannedDeletion} stays false) and not judged: their rotation no longer matters, and
 * one scheduled between the listing and DescribeSecret is left out as well. RDS-managed secrets are judged like any
 * other, the reason naming the owning service. The resource id is the secret's name; no value is ever read (the check
 * never calls GetSecretValue).
 */
final class SecretRotationCheck extends ResourceCheck {
    static final String TYPE = "secret-rotation";
    private static final int PAGE = 100;

    SecretRotationCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        super(scope, targets, findings, clock);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected String what() {
        return "Secrets Manager in " + scope.region().id();
    }

    @Override
    protected String nothingFound() {
        return "no secret in scope in " + scope.region().id() + " (secrets scheduled for deletion are not listed)";
    }

    @Override
    protected void evaluate(Deadline deadline) throws CheckFailure {
        SecretsManagerClient secrets = scope.client(SecretsManagerClient.class);
        String token = null;
        do {
            String from = token;
            ListSecretsResponse page = secrets.listSecrets(r -> r.maxResults(PAGE).nextToken(from)
                    .includePlannedDeletion(false));
            for (SecretListEntry entry : page.secretList()) {
                SecretState listed = SecretState.of(entry);
                if (listed.deleted() == null && targets.inScope(listed.tags())) {
                    outOfTime(deadline);
                    judge(secrets, listed);
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    private void judge(SecretsManagerClient secrets, SecretState listed) {
        Instant now = clock.instant();
        RotationVerdict fromList = RotationVerdict.judge(listed, now, targets.rotationGrace());
        if (fromList.passed()) {
            pass(listed.name(), fromList.reason());
            return;
        }
        DescribeSecretResponse described;
        try {
            described = secrets.describeSecret(r -> r.secretId(listed.arn()));
        } catch (ResourceNotFoundException e) {
            return;
        } catch (SdkException e) {
            cannotTell(listed.name(), "ListSecrets shows: " + fromList.reason() + "; not confirmed: "
                    + AwsErrors.reason(e, "DescribeSecret"));
            return;
        }
        SecretState fresh = SecretState.of(described);
        if (fresh.deleted() != null) {
            return;
        }
        RotationVerdict verdict = RotationVerdict.judge(fresh, now, targets.rotationGrace());
        if (verdict.passed()) {
            pass(listed.name(), verdict.reason() + " (DescribeSecret; ListSecrets, which lags behind changes, still "
                    + "showed: " + fromList.reason() + ")");
        } else if (verdict.status() == Status.FAIL) {
            fail(listed.name(), verdict.reason() + " (confirmed by DescribeSecret)");
        } else {
            cannotTell(listed.name(), verdict.reason() + " (DescribeSecret)");
        }
    }

    private void outOfTime(Deadline deadline) throws CheckFailure {
        if (deadline.expired()) {
            throw CheckFailure.cannotTell(what() + ": ran out of time before every secret was judged");
        }
    }
}
