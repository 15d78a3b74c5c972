package dev.taskledger.command.http;

import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.DynamoDbTable;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;

/** How a function finds its ports in AWS: configured once per execution environment from its environment. */
final class LambdaWiring {
    private LambdaWiring() {}

    static Ledger ledger() {
        String table = System.getenv("TASKLEDGER_TABLE");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("TASKLEDGER_TABLE must name the DynamoDB table");
        }
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        var client = DynamoDbClients.dynamoDb(DynamoDbClients.Settings.aws(Region.of(region)));
        return new Ledger(new DynamoDbTable(client, table), Clock.systemUTC());
    }
}
