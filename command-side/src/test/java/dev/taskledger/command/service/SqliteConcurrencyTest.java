package dev.taskledger.command.service;

import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void sixteen_writers_times_five_hundred_commands_on_one_tenant_leave_a_gapless_verified_ledger() throws Exception {
        try (SqliteTable table = SqliteTable.open(dir.resolve("c.db"))) {
            ConcurrentAppends.runAndCheck(new Ledger(table, Clock.systemUTC()), "busy-tenant", 16, 500);
        }
    }
}
