package dev.taskledger.integration.notify;

import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskFields;
import dev.taskledger.events.TaskUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is told about an event, and what: pure. {@code before} is the task as it was before the event (empty for a
 * creation). Nobody is told about their own action (the actor's e-mail equals the recipient's, ignoring case).
 */
public final class NotificationRules {
    private NotificationRules() {}

    /** Whether {@link #decide} could produce anything for this event without knowing the task before it. */
    public static boolean mayNotify(EventEnvelope event, NotificationSettings settings) {
        if (settings.notifyOn().isEmpty()) {
            return false;
        }
        return switch (event.data()) {
            case TaskCreated created ->
                created.fields().assignedTo() != null && settings.notifyOn().contains(Trigger.ASSIGNED);
            case TaskUpdated updated ->
                updated.changes().containsKey(TaskField.ASSIGNED_TO)
                        || (updated.changes().containsKey(TaskField.STATUS)
                                && settings.notifyOn().contains(Trigger.STATUS_CHANGED));
            case TaskDeleted deleted -> settings.notifyOn().contains(Trigger.DELETED);
        };
    }

    public static List<Notification> decide(
            EventEnvelope event, Optional<TaskFields> before, NotificationSettings settings) {
        List<Notification> out = new ArrayList<>();
        switch (event.data()) {
            case TaskCreated created -> {
                TaskFields task = created.fields();
                if (task.assignedTo() != null) {
                    add(
                            out,
                            event,
                            settings,
                            Trigger.ASSIGNED,
                            task.assignedTo(),
                            "Task assigned to you: " + task.title(),
                            actor(event) + " created \"" + task.title() + "\" and assigned it to you (" + summary(task)
                                    + ").");
                }
            }
            case TaskUpdated updated -> {
                if (before.isEmpty()) {
                    break; // an update of a task never created: nothing sensible to say
                }
                TaskFields after = before.get().apply(updated);
                TaskUpdated.Change assignee = updated.changes().get(TaskField.ASSIGNED_TO);
                if (assignee != null && assignee.newValue() != null) {
                    add(
                            out,
                            event,
                            settings,
                            Trigger.ASSIGNED,
                            (String) assignee.newValue(),
                            "Task assigned to you: " + after.title(),
                            actor(event) + " assigned \"" + after.title() + "\" to you (" + summary(after) + ").");
                }
                if (assignee != null && assignee.oldValue() != null) {
                    add(
                            out,
                            event,
                            settings,
                            Trigger.UNASSIGNED,
                            (String) assignee.oldValue(),
                            "Task no longer assigned to you: " + after.title(),
                            actor(event) + " took \"" + after.title() + "\" off your list.");
                }
                TaskUpdated.Change status = updated.changes().get(TaskField.STATUS);
                if (status != null && assignee == null && after.assignedTo() != null) {
                    add(
                            out,
                            event,
                            settings,
                            Trigger.STATUS_CHANGED,
                            after.assignedTo(),
                            "Task " + status.newValue() + ": " + after.title(),
                            actor(event) + " moved \"" + after.title() + "\" from " + status.oldValue() + " to "
                                    + status.newValue() + ".");
                }
            }
            case TaskDeleted deleted ->
                before.filter(task -> task.assignedTo() != null)
                        .ifPresent(task -> add(
                                out,
                                event,
                                settings,
                                Trigger.DELETED,
                                task.assignedTo(),
                                "Task deleted: " + task.title(),
                                actor(event) + " deleted \"" + task.title() + "\", which was assigned to you."));
        }
        return out;
    }

    private static void add(
            List<Notification> out,
            EventEnvelope event,
            NotificationSettings settings,
            Trigger trigger,
            String recipient,
            String subject,
            String text) {
        String actorEmail = event.actor().email();
        boolean ownAction =
                actorEmail != null && actorEmail.toLowerCase(Locale.ROOT).equals(recipient.toLowerCase(Locale.ROOT));
        if (settings.notifyOn().contains(trigger) && !ownAction) {
            out.add(new Notification(
                    event.tenantId(),
                    event.taskId(),
                    event.sequence(),
                    event.eventId(),
                    trigger,
                    recipient,
                    subject,
                    text,
                    event.occurredAt()));
        }
    }

    private static String actor(EventEnvelope event) {
        return event.actor().email() != null
                ? event.actor().email()
                : event.actor().userId();
    }

    private static String summary(TaskFields task) {
        return "status " + task.status() + ", priority " + task.priority()
                + (task.dueDate() == null ? "" : ", due " + task.dueDate());
    }
}
