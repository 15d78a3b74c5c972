package dev.taskledger.command.auth;

import dev.taskledger.http.Principal;
import dev.taskledger.http.ProblemType;

/** The authorizer's verdict on one request. */
public sealed interface AuthResult {
    record Authenticated(Principal principal) implements AuthResult {}

    /** {@code type} is {@link ProblemType#UNAUTHORIZED} (bad token) or {@link ProblemType#FORBIDDEN} (no tenant/role). */
    record Denied(ProblemType type, String detail) implements AuthResult {}
}
