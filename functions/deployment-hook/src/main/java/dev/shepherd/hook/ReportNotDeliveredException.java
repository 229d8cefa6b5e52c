package dev.shepherd.hook;

import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

/** The verdict could not be delivered to CodeDeploy; thrown so that Lambda's async retry runs the hook again. */
final class ReportNotDeliveredException extends RuntimeException {
    ReportNotDeliveredException(LifecycleEventStatus status, RuntimeException cause) {
        super("could not report " + status + " to CodeDeploy: " + cause.getMessage(), cause);
    }
}
