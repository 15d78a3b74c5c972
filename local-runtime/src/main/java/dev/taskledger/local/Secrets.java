package dev.taskledger.local;

import java.nio.file.Path;
import java.security.SecureRandom;

/** Random secrets kept in the data directory, created on first start. */
final class Secrets {
    private Secrets() {}

    static byte[] loadOrCreate(Path dataDir, String name) {
        return KeyFiles.loadOrCreate(dataDir, name, () -> {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return secret;
        });
    }
}
