package dev.taskledger.table.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.WriteOp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store opened with a stream filter writes unconditioned puts and deletes of unstreamed keys without reading
 * them first: what is stored, what conditions see and which records the stream gets must not change for it.
 */
class SqliteFilteredStreamTest {
    @TempDir
    Path dir;

    SqliteTable table;

    @BeforeEach
    void open() {
        table = SqliteTable.open(
                dir.resolve("filtered.db"), SqliteTable.Durability.FULL, Clock.systemUTC(), key -> key.sk()
                        .startsWith("EVENT#"));
    }

    @AfterEach
    void close() {
        table.close();
    }

    static Item item(String sk, long version) {
        return Item.of(new Key("P", sk)).with("version", version).build();
    }

    @Test
    void blind_puts_replace_whole_items_and_blind_deletes_remove_them_or_do_nothing() {
        table.put(
                Item.of(new Key("P", "VIEW#1"))
                        .with("version", 1)
                        .with("extra", "x")
                        .build(),
                Condition.NONE);
        table.put(item("VIEW#1", 2), Condition.NONE);
        assertThat(table.get(new Key("P", "VIEW#1"))).contains(item("VIEW#1", 2));

        table.transactWrite(List.of(
                new WriteOp.Delete(new Key("P", "VIEW#1"), Condition.NONE),
                new WriteOp.Delete(new Key("P", "VIEW#absent"), Condition.NONE)));
        assertThat(table.get(new Key("P", "VIEW#1"))).isEmpty();
    }

    @Test
    void conditions_on_unstreamed_items_are_still_checked_and_a_failure_writes_nothing() {
        table.put(item("VIEW#1", 1), Condition.NONE);

        assertThatThrownBy(() -> table.transactWrite(List.of(
                        new WriteOp.Put(item("VIEW#2", 1), Condition.NONE),
                        new WriteOp.Put(item("VIEW#1", 9), Condition.NOT_EXISTS))))
                .isInstanceOf(ConditionFailedException.class);
        assertThat(table.get(new Key("P", "VIEW#2"))).isEmpty();
        assertThat(table.get(new Key("P", "VIEW#1"))).contains(item("VIEW#1", 1));
    }

    @Test
    void only_streamed_keys_get_change_records_in_a_mixed_transaction() {
        table.transactWrite(List.of(
                new WriteOp.Put(item("VIEW#1", 1), Condition.NONE),
                new WriteOp.Put(item("EVENT#1", 1), Condition.NONE)));
        table.transactWrite(List.of(new WriteOp.Put(item("EVENT#1", 2), Condition.NONE)));

        List<ChangeRecord> records = table.read(null, 100);
        assertThat(records).extracting(r -> r.key().sk()).containsExactly("EVENT#1", "EVENT#1");
        assertThat(records.get(1).eventName()).isEqualTo(ChangeRecord.EventName.MODIFY);
        assertThat(records.get(1).oldImage()).contains(item("EVENT#1", 1).attributes());
    }
}
