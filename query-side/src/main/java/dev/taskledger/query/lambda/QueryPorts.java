package dev.taskledger.query.lambda;

import dev.taskledger.http.Cursors;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.TableSecrets;
import dev.taskledger.query.audit.Digests;
import dev.taskledger.query.audit.Exports;
import dev.taskledger.query.audit.KmsDigestSigner;
import dev.taskledger.query.audit.S3ObjectStore;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The query side's AWS adapters, built from the function's environment. */
final class QueryPorts {
    private QueryPorts() {}

    static Cursors cursors(Ledger ledger) {
        return new Cursors(TableSecrets.loadOrCreate(ledger.table(), "cursor-key"));
    }

    static Duration maxWait(AwsEnvironment env) {
        return Duration.ofMillis(
                Long.parseLong(env.optional(AwsEnvironment.MIN_SEQUENCE_WAIT_MS).orElse("5000")));
    }

    static KmsDigestSigner signer(AwsEnvironment env) {
        KmsClient kms =
                DynamoDbClients.configure(KmsClient.builder(), env.settings()).build();
        return new KmsDigestSigner(
                kms, env.required(AwsEnvironment.SIGNING_KEY), env.list(AwsEnvironment.RETIRED_SIGNING_KEYS));
    }

    static Exports exports(AwsEnvironment env, Ledger ledger, KmsDigestSigner signer) {
        S3Client s3 =
                DynamoDbClients.configure(S3Client.builder(), env.settings()).build();
        S3Presigner presigner = S3Presigner.builder()
                .region(env.settings().region())
                .credentialsProvider(env.settings().credentials())
                .build();
        Digests digests = new Digests(ledger, signer, Clock.systemUTC());
        return new Exports(
                ledger,
                digests,
                signer,
                new S3ObjectStore(s3, presigner, env.required(AwsEnvironment.EXPORT_BUCKET)),
                Clock.systemUTC());
    }
}
