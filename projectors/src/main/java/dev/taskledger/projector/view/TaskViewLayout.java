package dev.taskledger.projector.view;

/**
 * The task view's items (suffixes of {@code PROJ#task-view#v<n>#}): one item per live task, and four index items
 * per task, each a full copy of the representation, so that a page of {@code GET /tasks} is one query:
 *
 * <pre>
 * TASK#&lt;id&gt;                                  the task
 * C#&lt;created_at&gt;#&lt;id&gt;                       all tasks by creation time
 * U#&lt;updated_at&gt;#&lt;id&gt;                       all tasks by update time
 * SC#&lt;status&gt;#&lt;created_at&gt;#&lt;id&gt;            one status by creation time
 * SU#&lt;status&gt;#&lt;updated_at&gt;#&lt;id&gt;            one status by update time
 * </pre>
 *
 * Times are RFC 3339 with milliseconds in UTC, so their string order is their time order.
 */
public final class TaskViewLayout {
    public static final String PROJECTION = "task-view";
    public static final String TASK = "task";

    /** The four index orders: by creation, by update, and each within one status. */
    public static final String BY_CREATED = "C#";

    public static final String BY_UPDATED = "U#";
    public static final String BY_STATUS_CREATED = "SC#";
    public static final String BY_STATUS_UPDATED = "SU#";

    private TaskViewLayout() {}

    /** The index prefix a listing walks: within one status when exactly one is asked for, else all tasks. */
    public static String index(boolean byUpdate, java.util.List<String> statuses) {
        return statuses.size() == 1
                ? (byUpdate ? BY_STATUS_UPDATED : BY_STATUS_CREATED) + statuses.getFirst() + "#"
                : (byUpdate ? BY_UPDATED : BY_CREATED);
    }

    public static String task(String taskId) {
        return "TASK#" + taskId;
    }

    public static String byCreated(String createdAt, String taskId) {
        return BY_CREATED + createdAt + "#" + taskId;
    }

    public static String byUpdated(String updatedAt, String taskId) {
        return BY_UPDATED + updatedAt + "#" + taskId;
    }

    public static String byStatusCreated(String status, String createdAt, String taskId) {
        return BY_STATUS_CREATED + status + "#" + createdAt + "#" + taskId;
    }

    public static String byStatusUpdated(String status, String updatedAt, String taskId) {
        return BY_STATUS_UPDATED + status + "#" + updatedAt + "#" + taskId;
    }
}
