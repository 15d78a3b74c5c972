package dev.taskledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.query.audit.BundleVerifier;
import dev.taskledger.query.audit.Digests;
import dev.taskledger.query.audit.Exports;
import dev.taskledger.query.audit.KmsDigestSigner;
import dev.taskledger.query.audit.S3ObjectStore;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.MotoServer;
import dev.taskledger.table.sqlite.SqliteTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The AWS adapters of the auditors' side on the emulator: digests signed by KMS, exports in S3 with pre-signed URLs. */
class KmsAndS3IT {
    @TempDir
    Path dir;

    @Test
    void digests_signed_with_a_kms_key_verify_and_an_s3_export_downloads_and_verifies() throws Exception {
        MotoServer moto = MotoServer.get();
        try (KmsClient kms = DynamoDbClients.configure(KmsClient.builder(), moto.settings())
                        .build();
                S3Client s3 = DynamoDbClients.configure(S3Client.builder(), moto.settings())
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build())
                        .build();
                S3Presigner presigner = S3Presigner.builder()
                        .region(moto.settings().region())
                        .credentialsProvider(moto.settings().credentials())
                        .endpointOverride(moto.endpoint())
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build())
                        .build();
                SqliteTable table = SqliteTable.open(dir.resolve("t.db"))) {
            String retired = kms.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                    .keyMetadata()
                    .keyId();
            String keyId = kms.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                    .keyMetadata()
                    .keyId();
            KmsDigestSigner signer = new KmsDigestSigner(kms, keyId, List.of(retired));
            assertThat(signer.publicKeys()).extracting(k -> k.getKeyID()).containsExactly(keyId, retired);

            Ledger ledger = new Ledger(table, Clock.systemUTC());
            TaskCommandService service = new TaskCommandService(ledger);
            for (int i = 0; i < 5; i++) {
                service.handle(
                        "kms-tenant",
                        TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"k" + i + "\"}"))
                                .get(),
                        new CommandContext(
                                new Actor("a", null, Role.ADMIN),
                                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                                "task-" + i,
                                "kms"),
                        Optional.empty());
            }
            Digests digests = new Digests(ledger, signer, Clock.systemUTC());
            Digests.Digest digest = digests.current("kms-tenant");
            JWSObject jws = JWSObject.parse(digest.jws());
            assertThat(jws.getHeader().getKeyID()).isEqualTo(keyId);
            assertThat(jws.verify(new ECDSAVerifier((ECKey) signer.publicKeys().getFirst())))
                    .isTrue();
            JsonNode payload = EventCodec.MAPPER.readTree(jws.getPayload().toString());
            assertThat(payload.get("hash").asText())
                    .isEqualTo(ledger.head("kms-tenant").hash());

            String bucket = "taskledger-exports-" + System.nanoTime();
            s3.createBucket(r -> r.bucket(bucket));
            Exports exports =
                    new Exports(ledger, digests, signer, new S3ObjectStore(s3, presigner, bucket), Clock.systemUTC());
            exports.request("kms-tenant", "export-1", 1, Long.MAX_VALUE);
            exports.run("kms-tenant", "export-1");
            JsonNode status =
                    exports.status(exports.find("kms-tenant", "export-1").orElseThrow(), "export-1");
            assertThat(status.get("status").asText()).isEqualTo("DONE");

            HttpResponse<byte[]> download = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            status.get("download_url").asText()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            Path bundle = dir.resolve("bundle.zip");
            Files.write(bundle, download.body());
            BundleVerifier.Verdict verdict = BundleVerifier.verify(bundle, new JWKSet(signer.publicKeys()));
            assertThat(verdict.problems()).isEmpty();
            assertThat(verdict.count()).isEqualTo(5);
        }
    }
}
