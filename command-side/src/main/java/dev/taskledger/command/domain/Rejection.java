package dev.taskledger.command.domain;

import java.util.List;

/** Why a command produced no events. Mapped to problem types at the HTTP edge. */
public sealed interface Rejection {
    /** The body is not a JSON object. */
    record Malformed(String detail) implements Rejection {}

    /** One entry per bad field; nothing happened. */
    record Invalid(List<FieldError> errors) implements Rejection {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** Absent, deleted, or another tenant's: indistinguishable. */
    record NotFound() implements Rejection {}

    /** The actor's role or ownership does not allow the command. */
    record Forbidden(String detail) implements Rejection {}

    /** {@code If-Match} names no current version. */
    record VersionMismatch(long currentVersion) implements Rejection {}
}
