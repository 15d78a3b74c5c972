package dev.taskledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Key material kept in the data directory ({@code keys/}): created once, written atomically, owner-only. */
final class KeyFiles {
    private KeyFiles() {}

    static byte[] loadOrCreate(Path dataDir, String name, Supplier<byte[]> create) {
        Path file = dataDir.resolve("keys").resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] content = create.get();
            Path tmp = file.resolveSibling(name + ".tmp");
            Files.write(tmp, content);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file, e);
        }
    }
}
