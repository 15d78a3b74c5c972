package dev.taskledger.table.sqlite;

import dev.taskledger.table.ChangeStream;
import dev.taskledger.table.Table;
import dev.taskledger.table.TableContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteTableContractTest extends TableContract {
    @TempDir
    static Path dir;

    static SqliteTable table;

    @BeforeAll
    static void open() {
        table = SqliteTable.open(dir.resolve("contract.db"));
    }

    @AfterAll
    static void close() {
        table.close();
    }

    protected Table table() {
        return table;
    }

    protected ChangeStream changes() {
        return table;
    }
}
