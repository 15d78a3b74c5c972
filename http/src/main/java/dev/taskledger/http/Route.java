package dev.taskledger.http;

import dev.taskledger.events.Role;
import java.util.Set;

/**
 * One HTTP route: method, path template ({@code /tasks/{id}}), the function that serves it, whether a bearer token
 * is required, and the roles allowed (empty for public routes).
 */
public record Route(
        String method, String path, FunctionName function, boolean authenticated, Set<Role> roles, String operationId) {
    public Route {
        roles = Set.copyOf(roles);
    }

    /** The API Gateway route key, e.g. {@code POST /tasks/{id}}. */
    public String routeKey() {
        return method + " " + path;
    }
}
