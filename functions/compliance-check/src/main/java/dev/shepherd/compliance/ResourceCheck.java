package dev.shepherd.compliance;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.Check;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A compliance rule over one kind of resource in one {@link Scope}: it lists what is in scope (every page) and
 * judges each resource, adding one result per resource to the run's {@link Findings}. Its own result sums up:
 * how many it judged, "nothing to check" when it found none (said, never a silent pass), or "cannot tell" when AWS
 * would not answer (access denied, Region not enabled, throttled past retries, a listing broken off) while the
 * other checks still run.
 */
abstract class ResourceCheck implements Check {
    protected final Scope scope;
    protected final Targets targets;
    protected final Clock clock;
    private final Findings findings;
    private int judged;
    private int failing;

    protected ResourceCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        this.scope = scope;
        this.targets = targets;
        this.findings = findings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return scope.label();
    }

    @Override
    public Duration timeout() {
        return targets.checkTimeout();
    }

    @Override
    public final CheckResult run(Deadline deadline) throws CheckFailure, InterruptedException {
        try {
            evaluate(deadline);
        } catch (SdkException e) {
            throw CheckFailure.cannotTell(AwsErrors.reason(e, what()) + (judged > 0 ? "; " + judged
                    + " resource(s) judged before that" : ""));
        }
        synchronized (this) {
            return judged == 0
                    ? CheckResult.pass(type(), name(), "nothing to check: " + nothingFound())
                    : CheckResult.pass(type(), name(), "looked at every resource in scope: " + judged + " judged, "
                            + failing + " not passing");
        }
    }

    /** Lists the resources in scope and calls {@link #pass}, {@link #fail} or {@link #cannotTell} once for each. */
    protected abstract void evaluate(Deadline deadline) throws CheckFailure, InterruptedException;

    /** What is read, for a reason: "RDS in eu-west-1". */
    protected abstract String what();

    /** What "nothing" means for this check: "no RDS instance or Aurora cluster in scope in eu-west-1". */
    protected abstract String nothingFound();

    /** How results name a resource: in the scope by default; a check spanning several scopes says otherwise. */
    protected String resourceName(String id) {
        return scope.resource(id);
    }

    protected final void pass(String resource, String reason) {
        add(CheckResult.pass(type(), resourceName(resource), reason));
    }

    protected final void fail(String resource, String reason) {
        add(CheckResult.fail(type(), resourceName(resource), reason));
    }

    protected final void cannotTell(String resource, String reason) {
        add(CheckResult.cannotTell(type(), resourceName(resource), reason));
    }

    private synchronized void add(CheckResult result) {
        judged++;
        if (!result.passed()) {
            failing++;
        }
        findings.add(result);
    }
}
