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
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpirySweeperTest {
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00.000Z");

    @TempDir
    Path dataDir;

    @Test
    void expired_idempotency_records_exports_and_counters_are_deleted_and_the_rest_kept() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.NORMAL, clock)) {
            Ledger ledger = new Ledger(table, clock);
            new TaskCommandService(ledger)
                    .handle(
                            "swept",
                            TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"t\"}"))
                                    .get(),
                            new CommandContext(new Actor("u", null, Role.ADMIN), NOW, "task-1", "c"),
                            Optional.empty());
            LocalObjectStore objects = new LocalObjectStore(dataDir, new byte[32], clock, () -> 1);
            objects.put("swept/old.zip", out -> out.write(1));
            long past = NOW.getEpochSecond() - 1;
            long future = NOW.getEpochSecond() + 3600;
            put(table, Item.of(Keys.idempotency("swept", "old")).with(Keys.TTL_ATTRIBUTE, past));
            put(table, Item.of(Keys.idempotency("swept", "fresh")).with(Keys.TTL_ATTRIBUTE, future));
            put(
                    table,
                    Item.of(Keys.export("swept", "old"))
                            .with(Keys.TTL_ATTRIBUTE, past)
                            .with("object_key", "swept/old.zip"));
            put(table, Item.of(Keys.counter("swept", "exports-hour#old")).with(Keys.TTL_ATTRIBUTE, past));
            put(table, Item.of(Keys.counter("swept", "webhooks")).with("count", 3));

            int deleted = new ExpirySweeper(ledger, table, objects, clock, 10_000).sweep();

            assertThat(deleted).isEqualTo(3);
            assertThat(table.get(Keys.idempotency("swept", "old"))).isEmpty();
            assertThat(table.get(Keys.idempotency("swept", "fresh"))).isPresent();
            assertThat(table.get(Keys.export("swept", "old"))).isEmpty();
            assertThat(Files.exists(dataDir.resolve("exports/swept/old.zip"))).isFalse();
            assertThat(table.get(Keys.counter("swept", "exports-hour#old"))).isEmpty();
            assertThat(table.get(Keys.counter("swept", "webhooks"))).isPresent();
            assertThat(ledger.head("swept").sequence()).isEqualTo(1);
        }
    }

    static void put(SqliteTable table, Item.Builder item) {
        table.put(item.build(), Condition.NONE);
    }
}
