package dev.shepherd.compliance;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * A check of each RDS database in scope in the home Region: lists them (every page), lets the check gather what it
 * needs for all of them at once ({@link #prepare}), then judges each; one still {@code creating} is "cannot tell". A
 * failure is reported only once the DB is seen to still exist, so a DB deleted between the listing and its judgement
 * is skipped, not failed.
 *
 * @param <C> what {@link #prepare} gathers for the judgements
 */
abstract class RdsCheck<C> extends ResourceCheck {
    protected RdsCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        super(scope, targets, findings, clock);
    }

    /** One database's result. */
    protected record Verdict(Status status, String reason) {
        static Verdict pass(String reason) {
            return new Verdict(Status.PASS, reason);
        }

        static Verdict fail(String reason) {
            return new Verdict(Status.FAIL, reason);
        }

        static Verdict cannotTell(String reason) {
            return new Verdict(Status.CANNOT_TELL, reason);
        }
    }

    @Override
    protected final void evaluate(Deadline deadline) throws CheckFailure, InterruptedException {
        RdsClient rds = scope.client(RdsClient.class);
        RdsInventory inventory = new RdsInventory(rds);
        List<RdsDatabase> databases = inventory.inScope(targets);
        if (databases.isEmpty()) {
            return;
        }
        C context = prepare(rds, databases);
        for (RdsDatabase db : databases) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("abandoned past its time");
            }
            // A DB still being created has no backup, copy or snapshot yet: too early to judge, not a failure.
            Verdict verdict = "creating".equals(db.status()) ? Verdict.cannotTell("creating, no restorable time yet")
                    : judge(db, context, clock.instant());
            switch (verdict.status()) {
                case PASS -> pass(db.id(), verdict.reason());
                case CANNOT_TELL -> cannotTell(db.id(), verdict.reason());
                case FAIL -> {
                    if (inventory.stillExists(db)) {
                        fail(db.id(), verdict.reason());
                    }
                }
            }
        }
    }

    /** What the judgements share, gathered once (a Region's snapshots, say); lazily where some DBs need none. */
    protected abstract C prepare(RdsClient rds, List<RdsDatabase> databases) throws CheckFailure;

    protected abstract Verdict judge(RdsDatabase db, C context, Instant now) throws CheckFailure;

    @Override
    protected String what() {
        return "RDS in " + scope.region().id();
    }

    @Override
    protected String nothingFound() {
        return "no RDS instance or cluster in scope in " + scope.region().id();
    }
}
