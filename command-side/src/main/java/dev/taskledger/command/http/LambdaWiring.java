package dev.taskledger.command.http;

import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.time.Clock;

/** How a function finds its ports in AWS: configured once per execution environment from its environment. */
final class LambdaWiring {
    private LambdaWiring() {}

    static Ledger ledger() {
        return new Ledger(AwsEnvironment.current().table(), Clock.systemUTC());
    }
}
