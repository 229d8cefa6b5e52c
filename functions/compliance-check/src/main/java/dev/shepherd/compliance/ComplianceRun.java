package dev.shepherd.compliance;

import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.Check;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One run: every kind of check the cadence asks for, in every scope (the function's account and each member account,
 * in each home Region), all in parallel through core's check runner, each bounded by its own timeout. A member
 * account whose role cannot be assumed gets "cannot tell" for each of its checks; the others still run.
 */
final class ComplianceRun {
    /** How to make one kind of check for a scope. */
    interface Maker {
        Check make(Scope scope, Targets targets, Findings findings, Clock clock);
    }

    /**
     * @param hourly         whether the hourly run (recovery points) includes it; the daily run has every kind
     * @param oncePerAccount checks an account-wide thing (a multi-Region trail): run in its first Region only
     */
    record Kind(String type, boolean hourly, boolean oncePerAccount, Maker maker) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("rds-backup", true, false, RdsBackupCheck::new),
            new Kind("dr-copy", true, false, DrCopyCheck::new),
            new Kind("backup", true, false, BackupRecoveryCheck::new),
            new Kind("dr-readiness", false, false, RestoreReadinessCheck::new),
            new Kind("secret-rotation", false, false, SecretRotationCheck::new),
            new Kind("audit-trail", false, true, AuditTrailCheck::new));

    /** Where the member accounts' clients come from: their role, assumed on first use. */
    interface Accounts {
        ClientSource assume(ComplianceConfig.MemberAccount account);
    }

    private final ComplianceConfig config;
    private final ClientSource own;
    private final Accounts accounts;
    private final CheckRunner runner;
    private final Clock clock;
    private final List<Kind> kinds;

    ComplianceRun(ComplianceConfig config, ClientSource own, Accounts accounts, CheckRunner runner, Clock clock,
            List<Kind> kinds) {
        this.config = config;
        this.own = own;
        this.accounts = accounts;
        this.runner = runner;
        this.clock = clock;
        this.kinds = List.copyOf(kinds);
    }

    Report run(RunRequest request, Deadline deadline) {
        Instant runAt = request.scheduled() ? request.scheduledTime() : clock.instant();
        // The checks judge the run's moment, not the moment a retry happens to run it: a retry judges alike.
        Clock asOf = Clock.fixed(runAt, ZoneOffset.UTC);
        List<Kind> wanted = kinds.stream().filter(k -> request.cadence() == RunRequest.Cadence.DAILY || k.hourly())
                .toList();
        Findings findings = new Findings();
        List<Check> checks = new ArrayList<>();
        List<CheckResult> refused = new ArrayList<>();
        Map<String, Scope> byEnvironment = new LinkedHashMap<>();
        addAccount(checks, wanted, findings, config.ownAccount(), config.environment(), own, byEnvironment, asOf);
        for (ComplianceConfig.MemberAccount member : config.accounts()) {
            ClientSource clients;
            try {
                clients = accounts.assume(member);
            } catch (SdkException e) {
                String reason = AwsErrors.reason(e, "assuming " + member.roleArn());
                wanted.forEach(k -> refused.add(CheckResult.cannotTell(k.type(), member.account(), reason)));
                continue;
            }
            addAccount(checks, wanted, findings, member.account(), member.environment(), clients, byEnvironment,
                    asOf);
        }
        if (request.cadence() == RunRequest.Cadence.DAILY) {
            parity(byEnvironment, findings, asOf).ifPresentOrElse(checks::add, () -> refused.add(CheckResult.cannotTell(
                    ParameterParityCheck.TYPE, String.join(",", config.parity().environments().keySet()),
                    "an environment's account could not be read (see its checks)")));
        }
        List<CheckResult> summaries = new ArrayList<>(runner.run(checks, deadline));
        summaries.addAll(refused);
        return new Report(config.environment(), request.cadence(), runAt, request.scheduled(), findings.all(),
                summaries);
    }

    /**
     * The parity check spans every environment of its policy: each read in the account listed for it, else in the
     * function's own (one account holding every environment's parameters); absent when a listed account's role
     * could not be assumed.
     */
    private Optional<Check> parity(Map<String, Scope> byEnvironment, Findings findings, Clock asOf) {
        Scope home = byEnvironment.get(config.environment());
        Map<String, Scope> scopes = new LinkedHashMap<>();
        for (String env : config.parity().environments().keySet()) {
            boolean listed = config.accounts().stream().anyMatch(a -> a.environment().equals(env));
            Scope scope = byEnvironment.getOrDefault(env, listed ? null : home);
            if (scope == null) {
                return Optional.empty();
            }
            scopes.put(env, scope);
        }
        return Optional.of(new ParameterParityCheck(scopes, config.parity(), ValueValidator.CORE, config.targets(),
                findings, asOf));
    }

    private void addAccount(List<Check> checks, List<Kind> wanted, Findings findings, String account,
            String environment, ClientSource clients, Map<String, Scope> byEnvironment, Clock asOf) {
        for (int i = 0; i < config.regions().size(); i++) {
            Scope scope = new Scope(account, environment, config.regions().get(i), config.targets().drRegion(), clients);
            if (i == 0) {
                byEnvironment.putIfAbsent(environment, scope);
            }
            for (Kind kind : wanted) {
                if (i == 0 || !kind.oncePerAccount()) {
                    checks.add(kind.maker().make(scope, config.targets(), findings, asOf));
                }
            }
        }
    }
}
