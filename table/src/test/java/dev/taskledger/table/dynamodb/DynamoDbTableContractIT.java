package dev.taskledger.table.dynamodb;

import dev.taskledger.table.ChangeStream;
import dev.taskledger.table.Table;
import dev.taskledger.table.TableContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The table contract against DynamoDB as emulated by moto. */
class DynamoDbTableContractIT extends TableContract {
    static DynamoDbClient client;
    static DynamoDbStreamsClient streams;
    static DynamoDbTable table;
    static DynamoDbChangeStream changes;

    @BeforeAll
    static void connect() {
        MotoServer moto = MotoServer.get();
        String name = moto.createTable();
        client = DynamoDbClients.dynamoDb(moto.settings());
        streams = DynamoDbClients.streams(moto.settings());
        table = new DynamoDbTable(client, name);
        changes = new DynamoDbChangeStream(client, streams, name);
    }

    @AfterAll
    static void disconnect() {
        client.close();
        streams.close();
    }

    protected Table table() {
        return table;
    }

    protected ChangeStream changes() {
        return changes;
    }
}
