package dev.taskledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README the walkthrough tests run, and the repository it sits in. */
final class Readme {
    private Readme() {}

    static Path root() {
        return Path.of(System.getProperty("readme", "../README.md"))
                .toAbsolutePath()
                .getParent();
    }

    /** The first {@code bash} block of the README after the heading that starts with {@code heading}. */
    static String bashBlock(String heading) {
        return bashBlock("README.md", heading);
    }

    /** The first {@code bash} block of {@code file} (relative to the repository root) after {@code heading}. */
    static String bashBlock(String file, String heading) {
        try {
            String readme = Files.readString(root().resolve(file));
            Matcher block = Pattern.compile(Pattern.quote(heading) + ".*?```bash\\n(.*?)```", Pattern.DOTALL)
                    .matcher(readme);
            if (!block.find()) {
                throw new AssertionError(file + " has no bash block under " + heading);
            }
            return block.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
