package dev.taskledger.projector.route;

import java.util.List;

/**
 * The event routes, defined once: the in-process bus matches these patterns with event-ruler (EventBridge's own
 * matching library) and the CDK app creates EventBridge rules from them.
 */
public final class EventRoutes {
    public static final String SOURCE = "taskledger.tasks";
    public static final String EXPORTS_SOURCE = "taskledger.exports";
    public static final String EXPORT_REQUESTED = "ExportRequested";
    private static final String TASK_EVENTS =
            "{\"source\":[\"" + SOURCE + "\"]," + "\"detail-type\":[\"TaskCreated\",\"TaskUpdated\",\"TaskDeleted\"]}";

    public static final List<EventRoute> ALL = List.of(
            new EventRoute("task-events-to-task-view", TASK_EVENTS, ProjectorName.TASK_VIEW),
            new EventRoute("task-events-to-analytics", TASK_EVENTS, ProjectorName.ANALYTICS),
            new EventRoute("task-events-to-audit", TASK_EVENTS, ProjectorName.AUDIT),
            new EventRoute(
                    "export-requests-to-exporter",
                    "{\"source\":[\"" + EXPORTS_SOURCE + "\"],\"detail-type\":[\"" + EXPORT_REQUESTED + "\"]}",
                    ProjectorName.EXPORTER),
            new EventRoute("task-events-to-webhooks", TASK_EVENTS, ProjectorName.WEBHOOKS),
            new EventRoute("task-events-to-notifications", TASK_EVENTS, ProjectorName.NOTIFICATIONS));

    /** How often due webhook retries are swept in AWS (an EventBridge schedule on the webhooks function). */
    public static final String WEBHOOK_SWEEP_SCHEDULE = "rate(1 minute)";

    private EventRoutes() {}
}
