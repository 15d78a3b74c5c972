package dev.taskledger.projector.route;

/** The consumers of ledger events; each is one Lambda function in AWS and one in-process target locally. */
public enum ProjectorName {
    TASK_VIEW,
    ANALYTICS,
    AUDIT,
    /** Not a projector: the export job, started by an ExportRequested event. */
    EXPORTER
}
