package dev.taskledger.table.dynamodb;

import dev.taskledger.table.Attr;
import dev.taskledger.table.BatchRules;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import dev.taskledger.table.TableException;
import dev.taskledger.table.TransactionConflictException;
import dev.taskledger.table.TransactionRules;
import dev.taskledger.table.WriteOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The table port on DynamoDB: each typed operation maps to one request; transaction cancellation reasons map to
 * {@link ConditionFailedException} naming the failed operations, or {@link TransactionConflictException}.
 * Items over 400 KB are refused before anything is sent. Reads are strongly consistent.
 */
public final class DynamoDbTable implements Table {
    private static final int BATCH_WRITE_ITEMS = 25;
    private static final int BATCH_ATTEMPTS = 8;
    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbTable(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Optional<Item> get(Key key) {
        try {
            GetItemResponse response =
                    client.getItem(r -> r.tableName(tableName).key(keyMap(key)).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(item(key, response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw new TableException("DynamoDB GetItem failed on " + key, e);
        }
    }

    @Override
    public Page query(Query query) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", Key.PK, "#sk", Key.SK));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(query.pk()));
        String condition =
                switch (query.range()) {
                    case SortKeyRange.Prefix p -> {
                        values.put(":prefix", AttributeValue.fromS(p.prefix()));
                        yield "#pk = :pk AND begins_with(#sk, :prefix)";
                    }
                    case SortKeyRange.Between b -> {
                        values.put(":from", AttributeValue.fromS(b.from()));
                        values.put(":to", AttributeValue.fromS(b.to()));
                        yield "#pk = :pk AND #sk BETWEEN :from AND :to";
                    }
                };
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(query.forward())
                .consistentRead(true)
                .limit(query.limit());
        query.exclusiveStartKey().ifPresent(start -> request.exclusiveStartKey(keyMap(start)));
        try {
            QueryResponse response = client.query(request.build());
            List<Item> items = new ArrayList<>();
            for (Map<String, AttributeValue> raw : response.items()) {
                items.add(item(null, raw));
            }
            Optional<Key> last = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(new Key(
                            response.lastEvaluatedKey().get(Key.PK).s(),
                            response.lastEvaluatedKey().get(Key.SK).s()))
                    : Optional.empty();
            return new Page(items, last);
        } catch (SdkException e) {
            throw new TableException("DynamoDB Query failed on partition " + query.pk(), e);
        }
    }

    @Override
    public void transactWrite(List<WriteOp> operations) {
        TransactionRules.check(operations);
        List<TransactWriteItem> items = operations.stream().map(this::toRequest).toList();
        try {
            client.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            throw mapCancellation(operations, e);
        } catch (SdkException e) {
            throw new TableException("DynamoDB TransactWriteItems failed", e);
        }
    }

    /**
     * {@code BatchWriteItem} in calls of {@value #BATCH_WRITE_ITEMS}; items DynamoDB leaves unprocessed (throttling)
     * are sent again with exponential backoff, up to {@value #BATCH_ATTEMPTS} attempts per call.
     */
    @Override
    public void writeBatch(List<WriteOp> writes) {
        BatchRules.check(writes);
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_ITEMS) {
            List<WriteRequest> requests =
                    writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_ITEMS)).stream()
                            .map(op -> op instanceof WriteOp.Put put
                                    ? WriteRequest.builder()
                                            .putRequest(r -> r.item(
                                                    AttrMapping.toSdk(put.item().attributes())))
                                            .build()
                                    : WriteRequest.builder()
                                            .deleteRequest(r -> r.key(keyMap(op.key())))
                                            .build())
                            .toList();
            sendBatch(requests);
        }
    }

    private void sendBatch(List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, requests);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > BATCH_ATTEMPTS) {
                throw new TableException(
                        "DynamoDB left " + pending.get(tableName).size() + " items of a batch write"
                                + " unprocessed after " + BATCH_ATTEMPTS + " attempts");
            }
            if (attempt > 1) {
                sleep(Math.min(2_000, 25L << attempt));
            }
            try {
                Map<String, List<WriteRequest>> sent = pending;
                pending = nullToEmpty(
                        client.batchWriteItem(r -> r.requestItems(sent)).unprocessedItems());
            } catch (SdkException e) {
                throw new TableException("DynamoDB BatchWriteItem failed", e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableException("interrupted while resending a batch write", e);
        }
    }

    private static RuntimeException mapCancellation(List<WriteOp> operations, TransactionCanceledException e) {
        List<ConditionFailedException.Failure> failures = new ArrayList<>();
        boolean conflict = false;
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < operations.size(); i++) {
            String code = reasons.get(i).code();
            if ("ConditionalCheckFailed".equals(code)) {
                failures.add(new ConditionFailedException.Failure(
                        i, operations.get(i).key(), operations.get(i).condition()));
            } else if ("TransactionConflict".equals(code)) {
                conflict = true;
            }
        }
        if (!failures.isEmpty()) {
            return new ConditionFailedException(failures);
        }
        if (conflict) {
            return new TransactionConflictException("a concurrent transaction touched the same items");
        }
        return new TableException("DynamoDB cancelled the transaction: " + reasons, e);
    }

    private TransactWriteItem toRequest(WriteOp op) {
        Expression condition = Expression.of(op.condition());
        return switch (op) {
            case WriteOp.Put put ->
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(tableName)
                                .item(AttrMapping.toSdk(put.item().attributes()))
                                .conditionExpression(condition.text())
                                .expressionAttributeNames(condition.names())
                                .expressionAttributeValues(condition.values())
                                .build())
                        .build();
            case WriteOp.Update update -> {
                Map<String, String> names = new LinkedHashMap<>(nullToEmpty(condition.names()));
                Map<String, AttributeValue> values = new LinkedHashMap<>(nullToEmpty(condition.values()));
                List<String> sets = new ArrayList<>();
                int i = 0;
                for (Map.Entry<String, Attr> e : update.set().entrySet()) {
                    names.put("#u" + i, e.getKey());
                    values.put(":u" + i, AttrMapping.toSdk(e.getValue()));
                    sets.add("#u" + i + " = :u" + i);
                    i++;
                }
                yield TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(tableName)
                                .key(keyMap(update.key()))
                                .updateExpression("SET " + String.join(", ", sets))
                                .conditionExpression(condition.text())
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values.isEmpty() ? null : values)
                                .build())
                        .build();
            }
            case WriteOp.Delete delete ->
                TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName(tableName)
                                .key(keyMap(delete.key()))
                                .conditionExpression(condition.text())
                                .expressionAttributeNames(condition.names())
                                .expressionAttributeValues(condition.values())
                                .build())
                        .build();
            case WriteOp.Check check ->
                TransactWriteItem.builder()
                        .conditionCheck(ConditionCheck.builder()
                                .tableName(tableName)
                                .key(keyMap(check.key()))
                                .conditionExpression(
                                        condition.text() == null
                                                ? "attribute_exists(#pk) OR attribute_not_exists(#pk)"
                                                : condition.text())
                                .expressionAttributeNames(
                                        condition.names() == null ? Map.of("#pk", Key.PK) : condition.names())
                                .expressionAttributeValues(condition.values())
                                .build())
                        .build();
        };
    }

    private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    /** A condition as DynamoDB expression text with its placeholders; all null for {@link Condition.None}. */
    record Expression(String text, Map<String, String> names, Map<String, AttributeValue> values) {
        static Expression of(Condition condition) {
            return switch (condition) {
                case Condition.None n -> new Expression(null, null, null);
                case Condition.NotExists n -> new Expression("attribute_not_exists(#pk)", Map.of("#pk", Key.PK), null);
                case Condition.Exists e -> new Expression("attribute_exists(#pk)", Map.of("#pk", Key.PK), null);
                case Condition.Equals eq ->
                    new Expression(
                            "#c = :c", Map.of("#c", eq.attribute()), Map.of(":c", AttrMapping.toSdk(eq.value())));
            };
        }
    }

    private static Map<String, AttributeValue> keyMap(Key key) {
        return Map.of(Key.PK, AttributeValue.fromS(key.pk()), Key.SK, AttributeValue.fromS(key.sk()));
    }

    private static Item item(Key key, Map<String, AttributeValue> raw) {
        try {
            return new Item(AttrMapping.fromSdk(raw));
        } catch (IllegalArgumentException e) {
            throw new CorruptItemException(
                    key == null ? String.valueOf(raw.get(Key.PK)) + " / " + raw.get(Key.SK) : key.toString(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        // the client is owned by whoever built it
    }
}
