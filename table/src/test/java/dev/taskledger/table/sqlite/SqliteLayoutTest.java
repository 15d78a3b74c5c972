package dev.taskledger.table.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.table.AttrJson;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Query;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written with the earlier {@code WITHOUT ROWID} layout opens converted, with every item kept. */
class SqliteLayoutTest {
    @TempDir
    Path dir;

    @Test
    void a_store_of_the_earlier_layout_is_converted_when_opened_and_keeps_every_item() throws Exception {
        Path file = dir.resolve("earlier.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (pk TEXT NOT NULL, sk TEXT NOT NULL, item TEXT NOT NULL,"
                    + " PRIMARY KEY (pk, sk)) WITHOUT ROWID");
            PreparedStatement insert = c.prepareStatement("INSERT INTO items (pk, sk, item) VALUES (?, ?, ?)");
            for (int i = 0; i < 50; i++) {
                Item item = Item.of(new Key("P", "S#%02d".formatted(i)))
                        .with("n", i)
                        .with("body", "x".repeat(1500))
                        .build();
                insert.setString(1, "P");
                insert.setString(2, item.key().sk());
                insert.setString(3, AttrJson.toJsonString(item.attributes()));
                insert.executeUpdate();
            }
            insert.close();
        }

        try (SqliteTable table = SqliteTable.open(file)) {
            assertThat(table.query(Query.prefix("P", "S#", 100)).items())
                    .hasSize(50)
                    .extracting(i -> i.number("n"))
                    .containsExactlyElementsOf(
                            java.util.stream.LongStream.range(0, 50).boxed().toList());
            table.put(Item.of(new Key("P", "S#07")).with("n", 70).build(), Condition.EXISTS);
            assertThat(table.get(new Key("P", "S#07")).orElseThrow().number("n"))
                    .isEqualTo(70);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'items'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContainIgnoringCase("WITHOUT ROWID");
        }
        try (SqliteTable reopened = SqliteTable.open(file)) { // converted once; opening again changes nothing
            assertThat(reopened.query(Query.prefix("P", "S#", 100)).items()).hasSize(50);
        }
    }
}
