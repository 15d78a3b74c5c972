package dev.taskledger.table.dynamodb;

import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.ChangeStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the table's DynamoDB stream through {@link DynamoDbStreamsClient}, every shard from its oldest record,
 * ordered by sequence number. For tests and operator tools; in AWS, Lambda's event source mapping reads the
 * stream. Not promised: efficiency on streams with many shards or records (it rereads from the trim horizon).
 */
public final class DynamoDbChangeStream implements ChangeStream {
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final String tableName;

    public DynamoDbChangeStream(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String tableName) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.tableName = tableName;
    }

    @Override
    public List<ChangeRecord> read(String afterSequenceNumber, int limit) {
        String arn = dynamoDb.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
        List<ChangeRecord> all = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()) {
            String iterator = streams.getShardIterator(r ->
                            r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current));
                page.records().forEach(record -> all.add(map(record)));
                if (page.records().isEmpty()) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        BigInteger after = afterSequenceNumber == null ? BigInteger.ONE.negate() : new BigInteger(afterSequenceNumber);
        return all.stream()
                .filter(r -> new BigInteger(r.sequenceNumber()).compareTo(after) > 0)
                .sorted(Comparator.comparing(r -> new BigInteger(r.sequenceNumber())))
                .limit(limit)
                .toList();
    }

    private static ChangeRecord map(software.amazon.awssdk.services.dynamodb.model.Record record) {
        StreamRecord r = record.dynamodb();
        return new ChangeRecord(
                record.eventID(),
                ChangeRecord.EventName.valueOf(record.eventNameAsString()),
                AttrMapping.fromSdk(r.keys()),
                r.hasNewImage() ? Optional.of(AttrMapping.fromSdk(r.newImage())) : Optional.empty(),
                r.hasOldImage() ? Optional.of(AttrMapping.fromSdk(r.oldImage())) : Optional.empty(),
                r.sequenceNumber(),
                r.approximateCreationDateTime(),
                r.sizeBytes() == null ? 0 : r.sizeBytes(),
                r.streamViewTypeAsString());
    }
}
