package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.ledger.Keys;
import dev.taskledger.projector.bridge.LambdaStreamEvents;
import dev.taskledger.table.ChangeFilter;
import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.ChangeStream;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConsumerPositions;
import dev.taskledger.table.Item;
import dev.taskledger.table.Table;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The local event source mapping: reads the embedded store's change records that pass its filter (as Lambda's
 * filter criteria would) after a durable checkpoint, hands
 * them to the stream bridge as the {@link DynamodbEvent} Lambda would deliver ({@link LambdaStreamEvents}), honours partial batch failures, bisects a batch whose invocation
 * fails, parks a record as a dead letter after {@code maxAttempts} (an item {@code SYSTEM / POLLER#DLQ#<sequence>}),
 * and resumes after a restart from its durable position. Consumed records older than the retention (24 hours,
 * like DynamoDB Streams) are trimmed once a minute.
 */
public final class StreamPoller implements Runnable {
    public static final String CONSUMER = "stream-bridge";
    public static final String DEAD_LETTER_PREFIX = Keys.POLLER_DEAD_LETTER_PREFIX;

    private final ChangeStream changes;
    private final ChangeFilter filter;
    private final ConsumerPositions positions;
    private final Table table;
    private final Function<DynamodbEvent, StreamsEventResponse> bridge;
    private final int batchSize;
    private final int maxAttempts;
    private final Map<String, Integer> attempts = new HashMap<>();
    private volatile boolean running = true;
    private final Clock clock;
    private final Duration retention;
    private final BiConsumer<Instant, String> trim;
    private Instant lastTrim = Instant.EPOCH;

    public StreamPoller(
            ChangeStream changes,
            ChangeFilter filter,
            ConsumerPositions positions,
            Table table,
            Function<DynamodbEvent, StreamsEventResponse> bridge,
            int batchSize,
            int maxAttempts,
            Duration retention,
            BiConsumer<Instant, String> trim,
            Clock clock) {
        this.retention = retention;
        this.trim = trim;
        this.clock = clock;
        this.changes = changes;
        this.filter = filter;
        this.positions = positions;
        this.table = table;
        this.bridge = bridge;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (!pollOnce()) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Telemetry.failure("ERROR", "stream poller iteration failed; retrying", java.util.Map.of(), e);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public void stop() {
        running = false;
    }

    /** Processes one batch; false when there was nothing to read. */
    public boolean pollOnce() {
        String checkpoint = checkpoint();
        Instant now = clock.instant();
        if (checkpoint != null && now.isAfter(lastTrim.plusSeconds(60))) {
            lastTrim = now;
            trim.accept(now.minus(retention), checkpoint); // consumed records older than the retention go
        }
        List<ChangeRecord> records = changes.read(checkpoint, batchSize, filter);
        if (records.isEmpty()) {
            return false;
        }
        process(records);
        return true;
    }

    private void process(List<ChangeRecord> records) {
        StreamsEventResponse response;
        try {
            response = bridge.apply(event(records));
        } catch (RuntimeException e) {
            if (records.size() > 1) { // bisect on error
                process(records.subList(0, records.size() / 2));
                process(records.subList(records.size() / 2, records.size()));
            } else {
                failed(records.getFirst(), e.toString());
            }
            return;
        }
        List<String> failures = response.getBatchItemFailures() == null
                ? List.of()
                : response.getBatchItemFailures().stream()
                        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList();
        if (failures.isEmpty()) {
            save(records.getLast().sequenceNumber());
            return;
        }
        BigInteger first = failures.stream()
                .map(BigInteger::new)
                .min(BigInteger::compareTo)
                .orElseThrow();
        for (ChangeRecord record : records) {
            if (new BigInteger(record.sequenceNumber()).compareTo(first) < 0) {
                save(record.sequenceNumber());
            } else {
                failed(record, "reported as a batch item failure");
                return;
            }
        }
    }

    private void failed(ChangeRecord record, String error) {
        int n = attempts.merge(record.sequenceNumber(), 1, Integer::sum);
        if (n < maxAttempts) {
            return; // retried from here on the next poll
        }
        table.put(
                Item.of(Keys.system(DEAD_LETTER_PREFIX + record.sequenceNumber()))
                        .with("sequence_number", record.sequenceNumber())
                        .with("item", record.key().toString())
                        .with("error", error)
                        .with("attempts", n)
                        .build(),
                Condition.NONE);
        Telemetry.record(
                "WARN",
                "dead letter",
                Map.of("target", CONSUMER, "record", record.sequenceNumber(), "attempts", n),
                Telemetry.Metric.count("DeadLetters", Map.of("target", CONSUMER)));
        attempts.remove(record.sequenceNumber());
        save(record.sequenceNumber());
    }

    private String checkpoint() {
        return positions.position(CONSUMER).orElse(null);
    }

    private void save(String sequenceNumber) {
        positions.savePosition(CONSUMER, sequenceNumber);
    }

    /** The batch as Lambda would deliver it. */
    DynamodbEvent event(List<ChangeRecord> records) {
        return LambdaStreamEvents.of(records, "arn:aws:dynamodb:local:000000000000:table/taskledger/stream/local");
    }
}
