package dev.taskledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.sqlite.SqliteTable;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadYourWritesTest {
    @TempDir
    Path dir;

    @Test
    void real_lag_is_a_503_with_retry_after_a_sequence_beyond_the_head_a_400_and_a_reached_one_answers()
            throws Exception {
        try (SqliteTable table = SqliteTable.open(dir.resolve("t.db"))) {
            Ledger ledger = new Ledger(table, Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                new TaskCommandService(ledger)
                        .handle(
                                "t1",
                                TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"x\"}"))
                                        .get(),
                                new CommandContext(
                                        new Actor("u", null, Role.ADMIN),
                                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                                        "task-" + i,
                                        "c"),
                                Optional.empty());
            }
            ProjectionRuntime view = new ProjectionRuntime(ledger, new TaskViewProjector()); // nothing applied yet

            Either<Problem, Long> lag =
                    ReadYourWrites.await(view.reader(), "t1", Optional.of(3L), Duration.ofMillis(30));
            assertThat(lag.getLeft().type()).isEqualTo(ProblemType.PROJECTION_LAG);
            assertThat(lag.getLeft().headers()).containsEntry("Retry-After", "1");

            Either<Problem, Long> beyond =
                    ReadYourWrites.await(view.reader(), "t1", Optional.of(4L), Duration.ofSeconds(5));
            assertThat(beyond.getLeft().type()).isEqualTo(ProblemType.VALIDATION);

            view.catchUp("t1", 3);
            assertThat(ReadYourWrites.await(view.reader(), "t1", Optional.of(3L), Duration.ofMillis(30))
                            .get())
                    .isEqualTo(3);
        }
    }
}
