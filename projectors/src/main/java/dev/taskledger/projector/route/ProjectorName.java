package dev.taskledger.projector.route;

/** The consumers of ledger events; each is one Lambda function in AWS and one in-process target locally. */
public enum ProjectorName {
    TASK_VIEW,
    ANALYTICS,
    AUDIT,
    /** Not a projector: the export job, started by an ExportRequested event. */
    EXPORTER,
    /** Not a projector: delivers task events to the tenant's webhooks (signed, retried, dead-lettered). */
    WEBHOOKS,
    /** Turns assignments and other changes into notifications to the people they concern. */
    NOTIFICATIONS
}
