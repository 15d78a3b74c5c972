package dev.taskledger.command.service;

import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.DynamoDbTable;
import dev.taskledger.table.dynamodb.MotoServer;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DynamoDbConcurrencyIT {
    @Test
    void four_writers_times_forty_commands_on_one_tenant_leave_a_gapless_verified_ledger() throws Exception {
        MotoServer moto = MotoServer.get();
        try (var client = DynamoDbClients.dynamoDb(moto.settings())) {
            DynamoDbTable table = new DynamoDbTable(client, moto.createTable());
            ConcurrentAppends.runAndCheck(new Ledger(table, Clock.systemUTC()), "busy-tenant", 4, 40);
        }
    }
}
