package dev.taskledger.ledger;

import dev.taskledger.table.Table;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteLedgerTest extends LedgerContract {
    @TempDir
    static Path dir;

    static SqliteTable table;

    @BeforeAll
    static void open() {
        table = SqliteTable.open(dir.resolve("ledger.db"));
    }

    @AfterAll
    static void close() {
        table.close();
    }

    protected Table table() {
        return table;
    }
}
