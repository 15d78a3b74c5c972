package dev.taskledger.ledger;

import dev.taskledger.table.Table;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.DynamoDbTable;
import dev.taskledger.table.dynamodb.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbLedgerIT extends LedgerContract {
    static DynamoDbClient client;
    static DynamoDbTable table;

    @BeforeAll
    static void connect() {
        MotoServer moto = MotoServer.get();
        client = DynamoDbClients.dynamoDb(moto.settings());
        table = new DynamoDbTable(client, moto.createTable());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    protected Table table() {
        return table;
    }
}
