package dev.taskledger.local;

import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.runtime.Projections;
import dev.taskledger.projector.runtime.Projector;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Query;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.DynamoDbTable;
import dev.taskledger.table.sqlite.SqliteTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Operator commands that work on a data directory (or, for verify, a DynamoDB table) with no server running. */
final class OperatorCommands {
    private OperatorCommands() {}

    /** A data directory's store, opened as the runtime opens it. */
    static SqliteTable open(Path dataDir) {
        return LocalRuntime.openStore(dataDir, SqliteTable.Durability.FULL, Clock.systemUTC());
    }

    static List<Projector> projectors(String which) {
        try {
            return Projections.named(which);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--projection must be task-view, analytics, audit or all");
        }
    }

    @Command(
            name = "rotate-ledger-key",
            description = "Retire the ledger's digest key (it stays published) and "
                    + "create a new one at the next start. Run while the runtime is stopped.")
    static final class RotateLedgerKey implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "data")
        Path dataDir;

        @Override
        public Integer call() {
            System.out.println("retired ledger key " + LedgerKeys.rotate(dataDir));
            return 0;
        }
    }

    static class Tenants {
        @Option(names = "--tenant", description = "one tenant")
        String tenant;

        @Option(names = "--all", description = "every tenant")
        boolean all;

        List<String> resolve(Ledger ledger) {
            return all ? ledger.tenants() : List.of(tenant);
        }
    }

    @Command(
            name = "rebuild",
            description = "Rebuild projections from the ledger into a new version, then switch readers over.")
    static final class Rebuild implements Callable<Integer> {
        @ArgGroup(multiplicity = "1")
        Tenants tenants;

        @Option(
                names = "--projection",
                defaultValue = "all",
                description = "task-view, analytics, audit or all (default)")
        String projection;

        @Option(names = "--data-dir", defaultValue = "data", description = "data directory (default ./data)")
        Path dataDir;

        @Override
        public Integer call() {
            try (SqliteTable table = open(dataDir)) {
                Ledger ledger = new Ledger(table, Clock.systemUTC());
                for (String tenant : tenants.resolve(ledger)) {
                    for (Projector projector : projectors(projection)) {
                        long version = new ProjectionRuntime(ledger, projector).rebuild(tenant);
                        System.out.printf("%s: %s rebuilt as version %d%n", tenant, projector.name(), version);
                    }
                }
            }
            return 0;
        }
    }

    @Command(
            name = "verify",
            description = "Recompute a tenant's hash chain from the ledger; exit 0 only when VERIFIED.")
    static final class Verify implements Callable<Integer> {
        @ArgGroup(multiplicity = "1")
        Tenants tenants;

        @Option(names = "--data-dir", description = "data directory (default ./data)")
        Path dataDir;

        @Option(names = "--dynamodb-table", description = "verify a DynamoDB table instead")
        String dynamoTable;

        @Option(names = "--endpoint", description = "DynamoDB endpoint override (an emulator)")
        URI endpoint;

        @Option(names = "--region", defaultValue = "us-east-1")
        String region;

        @Override
        public Integer call() {
            Table table = dynamoTable != null
                    ? new DynamoDbTable(
                            DynamoDbClients.dynamoDb(new DynamoDbClients.Settings(
                                    Region.of(region),
                                    endpoint,
                                    DefaultCredentialsProvider.builder().build(),
                                    3,
                                    Duration.ofSeconds(10))),
                            dynamoTable)
                    : open(dataDir == null ? Path.of("data") : dataDir);
            try (table) {
                Ledger ledger = new Ledger(table, Clock.systemUTC());
                boolean allVerified = true;
                for (String tenant : tenants.resolve(ledger)) {
                    ChainVerifier.Report report = ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE);
                    allVerified &= report.verified();
                    System.out.printf(
                            "%s: %s, %d events checked, head hash %s%s%n",
                            tenant,
                            report.verified() ? "VERIFIED" : "BROKEN",
                            report.checked(),
                            report.headHash(),
                            report.failure() == null
                                    ? ""
                                    : " — sequence " + report.failure().sequence() + ": "
                                            + report.failure().reason());
                }
                return allVerified ? 0 : 1;
            }
        }
    }

    @Command(
            name = "dlq",
            description = "Dead letters of the stream poller and of the event bus: list them, or redrive them.",
            subcommands = {DeadLetters.ListLetters.class, DeadLetters.Redrive.class})
    static final class DeadLetters {
        @Command(name = "list", description = "List parked stream records and parked bus deliveries.")
        static final class ListLetters implements Callable<Integer> {
            @Option(names = "--data-dir", defaultValue = "data")
            Path dataDir;

            @Override
            public Integer call() {
                try (SqliteTable table = open(dataDir)) {
                    List<Item> letters = letters(table);
                    letters.forEach(l -> System.out.printf(
                            "%s  attempts=%d  error=%s%n",
                            l.key().sk().substring(StreamPoller.DEAD_LETTER_PREFIX.length()),
                            l.number("attempts"),
                            l.string("error")));
                    System.out.printf("%d dead letter(s) of the stream poller%n", letters.size());
                    List<dev.taskledger.projector.bus.DeadLetter> bus = new TableDeadLetters(table).parked();
                    bus.forEach(l -> System.out.printf(
                            "bus %s  to %s  attempts=%d  parked=%s  error=%s%n",
                            l.id(), l.target(), l.attempts(), l.parkedAt(), l.error()));
                    System.out.printf("%d dead letter(s) of the bus%n", bus.size());
                }
                return 0;
            }
        }

        @Command(
                name = "redrive",
                description = "Deliver every parked record again: each tenant's projections catch up "
                        + "to its ledger head, then the dead letters are removed; parked bus deliveries are "
                        + "queued for the runtime, which delivers them within a second (or at its next start).")
        static final class Redrive implements Callable<Integer> {
            @Option(names = "--data-dir", defaultValue = "data")
            Path dataDir;

            @Override
            public Integer call() {
                try (SqliteTable table = open(dataDir)) {
                    Ledger ledger = new Ledger(table, Clock.systemUTC());
                    List<Item> letters = letters(table);
                    for (Projector projector : projectors("all")) {
                        new ProjectionRuntime(ledger, projector).catchUpAll();
                    }
                    for (Item letter : letters) {
                        table.transactWrite(List.of(new WriteOp.Delete(letter.key(), Condition.EXISTS)));
                    }
                    System.out.printf(
                            "redrove %d dead letter(s); every projection is at its ledger head%n", letters.size());
                    System.out.printf(
                            "queued %d bus dead letter(s) for redelivery by the runtime%n",
                            new TableDeadLetters(table).requestRedrive());
                }
                return 0;
            }
        }

        static List<Item> letters(Table table) {
            return table.query(Query.prefix(Keys.SYSTEM, StreamPoller.DEAD_LETTER_PREFIX, 1000))
                    .items();
        }
    }
}
