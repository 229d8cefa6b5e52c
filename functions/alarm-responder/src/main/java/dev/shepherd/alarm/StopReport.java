package dev.shepherd.alarm;

import java.util.List;

/**
 * What a stop did, per deployment (or per target where there was nothing to stop or the target itself failed):
 * exactly what was stopped, what had already finished, what had nothing in flight and what failed with which error.
 *
 * @param notStopped why nothing was attempted (the alarm is not in ALARM, or its actions are suppressed); else null
 */
public record StopReport(List<Outcome> outcomes, String notStopped) {
    public StopReport {
        outcomes = List.copyOf(outcomes);
    }

    public enum Result { STOPPED, ALREADY_DONE, NOTHING_IN_FLIGHT, FAILED }

    /**
     * @param deployment the deployment id or ARN acted on; null for a result about the whole target
     * @param errorCode  FAILED only: the AWS error code, or what stopped the call ({@code DeadlineReached}, ...)
     * @param line       one short human line for the notice
     */
    public record Outcome(Target target, Result result, String deployment, String errorCode, String line) {
    }

    static StopReport notStopped(String reason) {
        return new StopReport(List.of(), reason);
    }

    public List<Outcome> with(Result result) {
        return outcomes.stream().filter(o -> o.result() == result).toList();
    }

    public boolean anyFailed() {
        return !with(Result.FAILED).isEmpty();
    }

    /** The notice's lines, one per outcome. */
    public List<String> lines() {
        return notStopped != null ? List.of(notStopped) : outcomes.stream().map(Outcome::line).toList();
    }
}
