package dev.taskledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds the ledger, keys, exports and the outbox: owner-only. At start it is created (or
 * tightened) to {@code 0700}, every directory under it to {@code 0700} and every file to {@code 0600} (stores of
 * earlier versions included); files created later are made {@code 0600} where the runtime creates them, and the
 * directory's mode keeps everyone else out of any file a library creates on its own (SQLite's WAL and shared-memory
 * files).
 */
final class DataDirectory {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    static void secure(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            if (!posix()) {
                return;
            }
            try (Stream<Path> all = Files.walk(dataDir)) {
                for (Path path : (Iterable<Path>) all::iterator) {
                    if (Files.isSymbolicLink(path)) {
                        continue;
                    }
                    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + dataDir + " owner-only", e);
        }
    }

    /** Creates {@code file} empty and owner-only when it does not exist (before a library opens it). */
    static void createPrivateFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                return;
            }
            if (posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created meanwhile: secure() tightened it, or it was made owner-only here
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
