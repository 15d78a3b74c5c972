package dev.taskledger.query.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Export bundles in S3: written to a temporary file first (bounded memory, known length), then uploaded with
 * server-side encryption; downloads through pre-signed GET URLs.
 */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ObjectStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Writer writer) throws IOException {
        Path tmp = Files.createTempFile("export-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            s3.putObject(
                    r -> r.bucket(bucket)
                            .key(key)
                            .contentType("application/zip")
                            .serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256),
                    RequestBody.fromFile(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    @Override
    public URI presignedGet(String key, Duration ttl) {
        return URI.create(presigner
                .presignGetObject(r -> r.signatureDuration(ttl)
                        .getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url()
                .toString());
    }
}
