package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.taskledger.ledger.Keys;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Query;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamPollerTest {
    @TempDir
    Path dir;

    SqliteTable table;
    static final java.time.Duration RETENTION = java.time.Duration.ofHours(24);
    static final dev.taskledger.table.ChangeFilter ALL_ITEMS =
            new dev.taskledger.table.ChangeFilter(dev.taskledger.table.ChangeRecord.EventName.INSERT, "ITEM#");

    @BeforeEach
    void open() {
        table = SqliteTable.open(dir.resolve("p.db"));
        for (int i = 1; i <= 10; i++) {
            table.put(Item.of(new Key("TENANT#t", "ITEM#" + i)).with("n", i).build(), Condition.NONE);
        }
    }

    @AfterEach
    void close() {
        table.close();
    }

    /** A bridge that records what it saw and fails items per a rule. */
    static final class FakeBridge implements Function<DynamodbEvent, StreamsEventResponse> {
        final List<String> delivered = new ArrayList<>();
        final Map<String, Integer> failuresLeft = new HashMap<>();
        String throwOnKey;

        @Override
        public StreamsEventResponse apply(DynamodbEvent event) {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            if (throwOnKey != null
                    && event.getRecords().stream().anyMatch(r -> sk(r).equals(throwOnKey))
                    && event.getRecords().size() > 1) {
                throw new IllegalStateException("function error");
            }
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                String sk = sk(record);
                int left = failuresLeft.getOrDefault(sk, 0);
                if (left > 0 || sk.equals(throwOnKey)) {
                    failuresLeft.put(sk, left - 1);
                    failures.add(StreamsEventResponse.BatchItemFailure.builder()
                            .withItemIdentifier(record.getDynamodb().getSequenceNumber())
                            .build());
                    break;
                }
                delivered.add(sk);
            }
            return StreamsEventResponse.builder()
                    .withBatchItemFailures(failures)
                    .build();
        }

        static String sk(DynamodbEvent.DynamodbStreamRecord record) {
            return record.getDynamodb().getKeys().get("SK").getS();
        }
    }

    static List<String> items(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("ITEM#" + i);
        }
        return out;
    }

    void drain(StreamPoller poller) {
        for (int guard = 0; guard < 200 && poller.pollOnce(); guard++) {
            // keep polling
        }
    }

    @Test
    void every_record_reaches_the_bridge_once_in_order_and_a_restart_resumes_after_the_checkpoint() {
        FakeBridge bridge = new FakeBridge();
        drain(new StreamPoller(
                table,
                ALL_ITEMS,
                table,
                table,
                bridge,
                4,
                3,
                RETENTION,
                table::trimStream,
                java.time.Clock.systemUTC()));
        assertThat(bridge.delivered).isEqualTo(items(1, 10));

        table.put(Item.of(new Key("TENANT#t", "ITEM#11")).with("n", 11).build(), Condition.NONE);
        FakeBridge afterRestart = new FakeBridge();
        drain(new StreamPoller(
                table,
                ALL_ITEMS,
                table,
                table,
                afterRestart,
                4,
                3,
                RETENTION,
                table::trimStream,
                java.time.Clock.systemUTC()));
        assertThat(afterRestart.delivered).containsExactly("ITEM#11");
    }

    @Test
    void consumed_records_older_than_the_retention_are_trimmed_and_unconsumed_ones_stay() {
        FakeBridge bridge = new FakeBridge();
        StreamPoller poller = new StreamPoller(
                table,
                ALL_ITEMS,
                table,
                table,
                bridge,
                4,
                3,
                java.time.Duration.ZERO,
                table::trimStream,
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(5)));
        poller.pollOnce(); // consumes ITEM#1..4
        poller.pollOnce(); // trims them, consumes ITEM#5..8
        assertThat(table.read(null, 100))
                .extracting(r -> r.key().sk())
                .doesNotContain("ITEM#1", "ITEM#4")
                .contains("ITEM#5", "ITEM#10");
    }

    @Test
    void a_partial_batch_failure_is_retried_from_the_failed_record_without_skipping() {
        FakeBridge bridge = new FakeBridge();
        bridge.failuresLeft.put("ITEM#3", 2);
        drain(new StreamPoller(
                table,
                ALL_ITEMS,
                table,
                table,
                bridge,
                5,
                5,
                RETENTION,
                table::trimStream,
                java.time.Clock.systemUTC()));
        assertThat(bridge.delivered).isEqualTo(items(1, 10));
    }

    @Test
    void a_record_that_keeps_failing_is_parked_as_a_dead_letter_and_the_rest_flows() {
        FakeBridge bridge = new FakeBridge();
        bridge.failuresLeft.put("ITEM#4", 100);
        drain(new StreamPoller(
                table,
                ALL_ITEMS,
                table,
                table,
                bridge,
                5,
                3,
                RETENTION,
                table::trimStream,
                java.time.Clock.systemUTC()));
        List<String> expected = new ArrayList<>(items(1, 10));
        expected.remove("ITEM#4");
        // the dead-letter item is itself a change (not a ledger event: the real bridge passes over it)
        assertThat(bridge.delivered.stream().filter(k -> k.startsWith("ITEM#"))).isEqualTo(expected);
        assertThat(table.query(Query.prefix(Keys.SYSTEM, StreamPoller.DEAD_LETTER_PREFIX, 10))
                        .items())
                .hasSize(1);
    }

    @Test
    void a_batch_whose_invocation_fails_is_bisected_so_the_good_records_still_flow() {
        FakeBridge bridge = new FakeBridge();
        bridge.throwOnKey = "ITEM#6";
        drain(new StreamPoller(
                table,
                ALL_ITEMS,
                table,
                table,
                bridge,
                8,
                2,
                RETENTION,
                table::trimStream,
                java.time.Clock.systemUTC()));
        List<String> expected = new ArrayList<>(items(1, 10));
        expected.remove("ITEM#6");
        assertThat(bridge.delivered).isEqualTo(expected);
    }
}
