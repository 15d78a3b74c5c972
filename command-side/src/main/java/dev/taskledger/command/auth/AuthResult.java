package dev.taskledger.command.auth;

import dev.taskledger.http.Principal;
import dev.taskledger.http.ProblemType;

/** The authorizer's verdict on one request. */
public sealed interface AuthResult {
    /** {@code expiresAt}: the token's {@code exp}; a verdict is never used past it (see {@link Principal#from}). */
    record Authenticated(Principal principal, java.time.Instant expiresAt) implements AuthResult {}

    /** {@code type} is {@link ProblemType#UNAUTHORIZED} (bad token) or {@link ProblemType#FORBIDDEN} (no tenant/role). */
    record Denied(ProblemType type, String detail) implements AuthResult {}
}
