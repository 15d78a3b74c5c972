package dev.taskledger.command.domain;

import java.util.Set;

/** The parsed {@code If-Match} of a command. */
public sealed interface Precondition {
    Precondition NONE = new None();

    boolean admits(long currentVersion);

    /** No {@code If-Match}: the command applies to the latest version. */
    record None() implements Precondition {
        public boolean admits(long currentVersion) {
            return true;
        }
    }

    /** {@code If-Match: *}: any existing version. */
    record AnyVersion() implements Precondition {
        public boolean admits(long currentVersion) {
            return true;
        }
    }

    /** Strong entity tags (their opaque values, without quotes); any match passes. */
    record EntityTags(Set<String> tags) implements Precondition {
        public EntityTags {
            tags = Set.copyOf(tags);
        }

        public boolean admits(long currentVersion) {
            return tags.contains(Long.toString(currentVersion));
        }
    }
}
