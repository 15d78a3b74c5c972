package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.DynamoDbTable;
import dev.taskledger.table.dynamodb.MotoServer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code verify} against a DynamoDB table (on the emulator). */
class VerifyDynamoDbIT {
    @Test
    void verify_reads_the_chain_from_a_dynamodb_table() throws Exception {
        MotoServer moto = MotoServer.get();
        String tableName = moto.createTable();
        try (var client = DynamoDbClients.dynamoDb(moto.settings())) {
            TaskCommandService service =
                    new TaskCommandService(new Ledger(new DynamoDbTable(client, tableName), Clock.systemUTC()));
            for (int i = 0; i < 3; i++) {
                service.handle(
                        "dyn",
                        TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"d" + i + "\"}"))
                                .get(),
                        new CommandContext(
                                new Actor("a", null, Role.ADMIN),
                                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                                "task-" + i,
                                "v"),
                        Optional.empty());
            }
        }
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        int exit = new CommandLine(new Main())
                .execute(
                        "verify",
                        "--tenant",
                        "dyn",
                        "--dynamodb-table",
                        tableName,
                        "--endpoint",
                        moto.endpoint().toString());
        assertThat(exit).isZero();
    }
}
