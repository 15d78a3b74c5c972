package dev.taskledger.cdk;

import dev.taskledger.ledger.Keys;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.constructs.Construct;

/**
 * The data: the single table (PK/SK, on demand, Streams with new and old images, point-in-time recovery, deletion
 * protection, TTL for idempotency records, no GSI — the read side queries by key only), encrypted with the stack's
 * customer-managed key; the export bucket (KMS, no public access, TLS only, versioned with Object Lock so exported
 * bundles and the signed digests in them cannot be rewritten, expiring after a year); and the asymmetric key that
 * signs ledger digests.
 */
final class Storage {
    static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:Query");
    /** Reads, and the one conditional put that creates the cursor-signing key on first use. */
    static final List<String> TABLE_QUERY = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem");

    static final List<String> TABLE_WRITE = List.of(
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:TransactWriteItems");

    /** Writes, and the unconditioned batch writes a rebuild fills a new projection version with. */
    static final List<String> TABLE_REBUILD = java.util.stream.Stream.concat(
                    TABLE_WRITE.stream(), java.util.stream.Stream.of("dynamodb:BatchWriteItem"))
            .toList();

    final Key dataKey;
    final Table table;
    final Key signingKey;
    final Bucket exports;

    Storage(Construct scope) {
        dataKey = Key.Builder.create(scope, "DataKey")
                .description("TaskLedger data: the table, the export bucket, the alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        table = Table.Builder.create(scope, "Ledger")
                .partitionKey(Attribute.builder()
                        .name("PK")
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name("SK")
                        .type(AttributeType.STRING)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .deletionProtection(true)
                .timeToLiveAttribute(Keys.TTL_ATTRIBUTE)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(dataKey)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        signingKey = Key.Builder.create(scope, "LedgerSigningKey")
                .description(
                        "Signs TaskLedger ledger digests (ES256); its public key is published at the JWKS endpoint")
                .keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsage.SIGN_VERIFY)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Bucket accessLogs = Bucket.Builder.create(scope, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().expiration(Duration.days(365)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        exports = Bucket.Builder.create(scope, "Exports")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(dataKey)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(true)
                .objectLockEnabled(true)
                .objectLockDefaultRetention(ObjectLockRetention.governance(
                        Duration.days((int) dev.taskledger.query.audit.Exports.RETENTION.toDays())))
                // bundles are kept as long as their Object Lock holds them, then deleted (their status items
                // expire by TTL at the same age)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(Duration.days((int) dev.taskledger.query.audit.Exports.RETENTION.toDays()))
                        .noncurrentVersionExpiration(Duration.days(1))
                        .build()))
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("exports/")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** Read and write the table's items (named actions on the table only), with its key. */
    void grantTable(IGrantable grantee, List<String> actions) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(actions)
                        .resources(List.of(table.getTableArn()))
                        .build());
        dataKey.grantEncryptDecrypt(grantee);
    }

    void grantSigning(IGrantable grantee) {
        signingKey.grant(grantee, "kms:Sign", "kms:GetPublicKey");
    }
}
