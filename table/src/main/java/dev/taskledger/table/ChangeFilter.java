package dev.taskledger.table;

/**
 * Which change records a consumer wants, like the filter criteria of a Lambda event source mapping: one event
 * name and a sort-key prefix. Records that do not match are never handed to the consumer.
 */
public record ChangeFilter(ChangeRecord.EventName eventName, String sortKeyPrefix) {
    public boolean matches(ChangeRecord record) {
        return record.eventName() == eventName && record.key().sk().startsWith(sortKeyPrefix);
    }

    /** As a Lambda event source mapping filter pattern (for the CDK app). */
    public String lambdaFilterPattern() {
        return "{\"eventName\":[\"" + eventName + "\"],\"dynamodb\":{\"Keys\":{\"SK\":{\"S\":[{\"prefix\":\""
                + sortKeyPrefix + "\"}]}}}}";
    }
}
