package dev.taskledger.projector.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.Priority;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskFields;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.analytics.Counters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each projector on its own: given events, then the documents it leaves. */
class ProjectorsTest {
    static TaskCreated created(String title, Status status) {
        return new TaskCreated(new TaskFields(title, "", status, Priority.HIGH, "kim@e.com", null, List.of("ops")));
    }

    static TaskUpdated status(Status from, Status to) {
        return new TaskUpdated(Map.of(TaskField.STATUS, new TaskUpdated.Change(from, to)));
    }

    @Nested
    class Task_view {
        @Test
        void a_created_task_is_one_document_under_its_id_and_four_index_keys() {
            var fixture = new ProjectorFixture(new TaskViewProjector()).given("t1", created("Ship", Status.OPEN));
            ObjectNode task = (ObjectNode) fixture.documents.get(TaskViewLayout.task("t1"));
            assertThat(task.get("title").asText()).isEqualTo("Ship");
            assertThat(task.get("version").asLong()).isEqualTo(1);
            assertThat(fixture.documents).hasSize(5);
            assertThat(fixture.documents.keySet())
                    .anySatisfy(k -> assertThat(k).startsWith(TaskViewLayout.BY_STATUS_CREATED + "OPEN#"));
        }

        @Test
        void a_status_change_moves_the_status_index_keys_and_a_deletion_removes_every_document() {
            var fixture = new ProjectorFixture(new TaskViewProjector())
                    .given("t1", created("Ship", Status.OPEN))
                    .given("t1", status(Status.OPEN, Status.DONE));
            assertThat(((ObjectNode) fixture.documents.get(TaskViewLayout.task("t1")))
                            .get("status")
                            .asText())
                    .isEqualTo("DONE");
            assertThat(fixture.documents.keySet())
                    .noneMatch(k -> k.startsWith(TaskViewLayout.BY_STATUS_CREATED + "OPEN#"))
                    .anyMatch(k -> k.startsWith(TaskViewLayout.BY_STATUS_CREATED + "DONE#"));
            assertThat(fixture.documents).hasSize(5);
            fixture.given("t1", new TaskDeleted());
            assertThat(fixture.documents).isEmpty();
        }
    }

    @Nested
    class Audit {
        @Test
        void each_event_is_one_entry_under_its_sequence_holding_the_stored_text() {
            var fixture = new ProjectorFixture(new AuditProjector())
                    .given("t1", created("Ship", Status.OPEN))
                    .given("t2", created("Other", Status.OPEN))
                    .given("t1", new TaskDeleted());
            assertThat(fixture.documents.keySet())
                    .containsExactly(AuditProjector.entry(1), AuditProjector.entry(2), AuditProjector.entry(3));
            AuditProjector.Entry last = (AuditProjector.Entry) fixture.documents.get(AuditProjector.entry(3));
            assertThat(last.event()).contains("\"TaskDeleted\"");
            assertThat(last.sequence()).isEqualTo(3);
            assertThat(last.taskId()).isEqualTo("t1");
        }
    }

    @Nested
    class Analytics {
        @Test
        void live_tasks_completions_and_deletions_are_counted() {
            var fixture = new ProjectorFixture(new AnalyticsProjector())
                    .given("t1", created("A", Status.OPEN))
                    .given("t2", created("B", Status.OPEN))
                    .given("t1", status(Status.OPEN, Status.DONE))
                    .given("t2", new TaskDeleted());
            Counters counters = (Counters) fixture.documents.get(AnalyticsProjector.SUMMARY);
            assertThat(counters.json.at("/tasks").asLong()).isEqualTo(1);
            assertThat(counters.json.at("/deleted").asLong()).isEqualTo(1);
            assertThat(counters.json.at("/by_status/DONE").asLong()).isEqualTo(1);
            assertThat(counters.json.at("/by_status/OPEN").asLong()).isZero();
        }
    }
}
