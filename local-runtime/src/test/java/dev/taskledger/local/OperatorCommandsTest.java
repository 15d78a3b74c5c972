package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.WriteOp;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator commands on a data directory, with no server running. */
class OperatorCommandsTest {
    @TempDir
    Path dataDir;

    @BeforeEach
    void seed() throws Exception {
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            TaskCommandService service = new TaskCommandService(new Ledger(table, Clock.systemUTC()));
            Actor admin = new Actor("ops", null, Role.ADMIN);
            for (String tenant : List.of("alpha", "beta")) {
                for (int i = 0; i < 4; i++) {
                    service.handle(
                            tenant,
                            TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"t" + i + "\"}"))
                                    .get(),
                            new CommandContext(admin, Instant.now().truncatedTo(ChronoUnit.MILLIS), "task-" + i, "ops"),
                            Optional.empty());
                }
            }
        }
    }

    int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Test
    void rebuild_replays_the_ledger_into_a_new_version_and_switches_readers() {
        assertThat(run("rebuild", "--tenant", "alpha", "--projection", "task-view", "--data-dir", dataDir.toString()))
                .isZero();
        assertThat(run("rebuild", "--all", "--data-dir", dataDir.toString())).isZero();
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            ProjectionRuntime view =
                    new ProjectionRuntime(new Ledger(table, Clock.systemUTC()), new TaskViewProjector());
            assertThat(view.activeVersion("alpha")).isEqualTo(3);
            assertThat(view.activeVersion("beta")).isEqualTo(2);
            assertThat(view.projectedSequence("alpha")).isEqualTo(4);
            assertThat(view.read("alpha", "TASK#task-3")).isPresent();
        }
    }

    @Test
    void verify_exits_zero_on_an_intact_ledger_and_one_on_a_tampered_one() throws Exception {
        assertThat(run("verify", "--all", "--data-dir", dataDir.toString())).isZero();
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            var event = new Ledger(table, Clock.systemUTC())
                    .events("beta", 2, 2, 1)
                    .getFirst()
                    .json()
                    .deepCopy();
            event.put("correlation_id", "forged");
            table.transactWrite(List.of(new WriteOp.Update(
                    Keys.event("beta", 2), Map.of("event", Attr.s(event.toString())), Condition.EXISTS)));
        }
        assertThat(run("verify", "--tenant", "alpha", "--data-dir", dataDir.toString()))
                .isZero();
        assertThat(run("verify", "--tenant", "beta", "--data-dir", dataDir.toString()))
                .isEqualTo(1);
    }

    @Test
    void bus_dead_letters_survive_a_restart_and_dlq_redrive_has_the_runtime_deliver_them() throws Exception {
        String event;
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            var stored = new Ledger(table, Clock.systemUTC())
                    .events("alpha", 4, 4, 1)
                    .getFirst();
            event = "{\"source\":\"taskledger.tasks\",\"detail-type\":\""
                    + stored.envelope().eventType() + "\",\"detail\":" + stored.json() + "}";
            // what the bus parked before the process stopped
            new TableDeadLetters(table)
                    .park(new dev.taskledger.projector.bus.DeadLetter(
                            "d-1", "NOTIFICATIONS", event, 8, "channel down", java.time.Instant.now()));
        }
        assertThat(run("dlq", "list", "--data-dir", dataDir.toString())).isZero();
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            assertThat(new TableDeadLetters(table).parked()).singleElement().satisfies(l -> assertThat(l.error())
                    .isEqualTo("channel down"));
        }
        assertThat(run("dlq", "redrive", "--data-dir", dataDir.toString())).isZero();
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            assertThat(new TableDeadLetters(table).parked()).isEmpty();
        }
        try (LocalRuntime runtime = LocalRuntime.start(
                new LocalConfig(0, dataDir, java.util.Optional.empty()).withRateLimit(100_000, 100_000))) {
            long deadline = System.currentTimeMillis() + 10_000;
            List<dev.taskledger.projector.bus.DeadLetter> waiting;
            do {
                Thread.sleep(50);
                waiting = runtime.bus().deadLetters();
                try (SqliteTable table =
                        LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
                    if (table.query(dev.taskledger.table.Query.prefix(Keys.SYSTEM, TableDeadLetters.REDRIVE, 10))
                                    .items()
                                    .isEmpty()
                            && runtime.bus().idle()) {
                        break;
                    }
                }
            } while (System.currentTimeMillis() < deadline);
            assertThat(waiting).isEmpty();
            assertThat(runtime.bus().idle()).isTrue();
        }
    }

    @Test
    void dlq_lists_parked_records_and_redrive_catches_projections_up_and_clears_them() {
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            table.put(
                    Item.of(Keys.system(StreamPoller.DEAD_LETTER_PREFIX + "000000000000000000007"))
                            .with("sequence_number", "000000000000000000007")
                            .with("item", "TENANT#alpha / EVENT#00000000000000000003")
                            .with("error", "poison")
                            .with("attempts", 5)
                            .build(),
                    Condition.NONE);
        }
        assertThat(run("dlq", "list", "--data-dir", dataDir.toString())).isZero();
        assertThat(run("dlq", "redrive", "--data-dir", dataDir.toString())).isZero();
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC())) {
            assertThat(OperatorCommands.DeadLetters.letters(table)).isEmpty();
            ProjectionRuntime view =
                    new ProjectionRuntime(new Ledger(table, Clock.systemUTC()), new TaskViewProjector());
            assertThat(view.projectedSequence("alpha")).isEqualTo(4);
            assertThat(view.projectedSequence("beta")).isEqualTo(4);
        }
    }

    @Test
    void after_a_key_rotation_old_digests_still_verify_with_the_published_keys() throws Exception {
        var before = LedgerKeys.loadOrCreate(dataDir);
        String oldKid = before.publicKeys().getFirst().getKeyID();
        String jws = before.sign("{\"sequence\":1}");
        assertThat(run("rotate-ledger-key", "--data-dir", dataDir.toString())).isZero();

        var after = LedgerKeys.loadOrCreate(dataDir);
        assertThat(after.publicKeys().getFirst().getKeyID()).isNotEqualTo(oldKid);
        var published = new com.nimbusds.jose.jwk.JWKSet(after.publicKeys());
        var old = (com.nimbusds.jose.jwk.ECKey) published.getKeyByKeyId(oldKid);
        assertThat(old).isNotNull();
        assertThat(old.isPrivate()).isFalse();
        assertThat(com.nimbusds.jose.JWSObject.parse(jws).verify(new com.nimbusds.jose.crypto.ECDSAVerifier(old)))
                .isTrue();
    }
}
