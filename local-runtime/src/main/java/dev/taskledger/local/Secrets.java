package dev.taskledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Random secrets kept in the data directory ({@code keys/}), created on first start, readable by the owner only. */
final class Secrets {
    private Secrets() {}

    static byte[] loadOrCreate(Path dataDir, String name) {
        Path file = dataDir.resolve("keys").resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path tmp = file.resolveSibling(name + ".tmp");
            Files.write(tmp, secret);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret " + file, e);
        }
    }
}
