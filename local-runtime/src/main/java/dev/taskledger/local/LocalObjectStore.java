package dev.taskledger.local;

import dev.taskledger.http.Cursors;
import dev.taskledger.query.audit.ObjectStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The object store of local mode: files under {@code <data>/exports/}, served by the runtime at
 * {@code /exports/<token>}, where the token carries the object key and an expiry and is HMAC-signed (the local
 * counterpart of an S3 pre-signed URL).
 */
final class LocalObjectStore implements ObjectStore {
    private final Path root;
    private final Cursors signer;
    private final Clock clock;
    private final IntSupplier port;

    LocalObjectStore(Path dataDir, byte[] key, Clock clock, IntSupplier port) {
        this.root = dataDir.resolve("exports");
        this.signer = new Cursors(key);
        this.clock = clock;
        this.port = port;
    }

    @Override
    public void put(String key, Writer writer) throws IOException {
        Path file = file(key);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        DataDirectory.createPrivateFile(tmp);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            writer.writeTo(out);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    @Override
    public URI presignedGet(String key, Duration ttl) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String token = signer.sign("export-download", key + "|" + expires);
        return URI.create("http://127.0.0.1:" + port.getAsInt() + "/exports/" + token);
    }

    /** The file a token grants, if the token is genuine and not expired. */
    Optional<Path> resolve(String token) {
        return signer.verify("export-download", token).flatMap(position -> {
            int bar = position.lastIndexOf('|');
            String key = position.substring(0, bar);
            long expires = Long.parseLong(position.substring(bar + 1));
            if (clock.instant().getEpochSecond() > expires) {
                return Optional.empty();
            }
            Path file = file(key);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        });
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("object key escapes the store: " + key);
        }
        return file;
    }
}
