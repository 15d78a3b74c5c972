package dev.taskledger.table.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.table.Attr;
import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.ChangeStream;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import dev.taskledger.table.sqlite.SqliteTable;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same writes on the embedded store and on the emulator's DynamoDB: the SQLite change records must match the
 * records read from DynamoDB Streams with {@code DynamoDbStreamsClient}, field by field.
 */
class ChangeRecordParityIT {
    @TempDir
    Path dir;

    @Test
    void sqlite_change_records_have_the_shape_of_dynamodb_stream_records_field_by_field() {
        String pk = "TENANT#parity-" + UUID.randomUUID();
        MotoServer moto = MotoServer.get();
        try (var client = DynamoDbClients.dynamoDb(moto.settings());
                var streams = DynamoDbClients.streams(moto.settings());
                SqliteTable sqlite = SqliteTable.open(dir.resolve("parity.db"))) {
            String name = moto.createTable();
            DynamoDbTable dynamo = new DynamoDbTable(client, name);
            DynamoDbChangeStream dynamoChanges = new DynamoDbChangeStream(client, streams, name);

            writeTheSameThings(sqlite, pk);
            writeTheSameThings(dynamo, pk);

            List<ChangeRecord> expected = recordsOf(dynamoChanges, pk);
            List<ChangeRecord> actual = recordsOf(sqlite, pk);
            assertThat(actual).hasSameSizeAs(expected).hasSize(5);
            for (int i = 0; i < expected.size(); i++) {
                ChangeRecord d = expected.get(i);
                ChangeRecord s = actual.get(i);
                assertThat(s.eventName()).as("eventName #%d", i).isEqualTo(d.eventName());
                assertThat(s.keys()).as("Keys #%d", i).isEqualTo(d.keys());
                assertThat(s.newImage()).as("NewImage #%d", i).isEqualTo(d.newImage());
                assertThat(s.oldImage()).as("OldImage #%d", i).isEqualTo(d.oldImage());
                assertThat(s.streamViewType()).as("StreamViewType #%d", i).isEqualTo(d.streamViewType());
                assertThat(s.sequenceNumber()).matches("[0-9]+");
                assertThat(d.sequenceNumber()).matches("[0-9]+");
                assertThat(s.eventId()).isNotBlank();
                assertThat(d.eventId()).isNotBlank();
                assertThat(s.approximateCreationDateTime()).isNotNull();
                assertThat(d.approximateCreationDateTime()).isNotNull();
                assertThat(s.sizeBytes()).isPositive();
            }
            for (List<ChangeRecord> records : List.of(expected, actual)) {
                for (int i = 1; i < records.size(); i++) {
                    assertThat(new BigInteger(records.get(i).sequenceNumber()))
                            .isGreaterThan(new BigInteger(records.get(i - 1).sequenceNumber()));
                }
            }
        }
    }

    private static void writeTheSameThings(Table table, String pk) {
        Key event = new Key(pk, "EVENT#00000000000000000001");
        Key head = new Key(pk, "HEAD");
        table.transactWrite(List.of(
                new WriteOp.Put(
                        Item.of(event)
                                .with("event", "{\"a\":1}")
                                .with("sequence", 1)
                                .build(),
                        Condition.NOT_EXISTS),
                new WriteOp.Put(
                        Item.of(head).with("sequence", 1).with("hash", "h1").build(), Condition.NOT_EXISTS)));
        table.put(
                Item.of(head).with("sequence", 2).with("hash", "h2").build(), Condition.equals("sequence", Attr.n(1)));
        table.put(
                Item.of(new Key(pk, "TASK#x"))
                        .with("state", new Attr.M(Map.of("labels", new Attr.L(List.of(Attr.s("a"))))))
                        .with("done", new Attr.Bool(false))
                        .build(),
                Condition.NOT_EXISTS);
        table.transactWrite(List.of(new WriteOp.Delete(event, Condition.EXISTS)));
    }

    private static List<ChangeRecord> recordsOf(ChangeStream stream, String pk) {
        List<ChangeRecord> result = new ArrayList<>();
        String after = null;
        while (true) {
            List<ChangeRecord> batch = stream.read(after, 1000);
            if (batch.isEmpty()) {
                return result;
            }
            batch.stream().filter(r -> r.key().pk().equals(pk)).forEach(result::add);
            after = batch.getLast().sequenceNumber();
        }
    }
}
