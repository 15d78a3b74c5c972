package dev.taskledger.events;

import java.util.Objects;

/** Who caused an event: the token's {@code sub}, its e-mail ({@code null} when the token has none) and role. */
public record Actor(String userId, String email, Role role) {
    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
