package dev.taskledger.http;

import dev.taskledger.events.Role;
import java.util.Set;

/**
 * One HTTP route: method, path template ({@code /tasks/{id}}), the function that serves it, whether a bearer token
 * is required, the roles allowed (empty for public routes), and the operation.
 */
public record Route(
        String method,
        String path,
        FunctionName function,
        boolean authenticated,
        Set<Role> roles,
        Operation operation) {
    public Route {
        roles = Set.copyOf(roles);
    }

    /** The OpenAPI {@code operationId}. */
    public String operationId() {
        return operation.id();
    }

    /** The operation as one of {@code group}'s, for the function that serves that group (a misrouted one is a bug). */
    public <E extends Operation> E operationOf(Class<E> group) {
        if (!group.isInstance(operation)) {
            throw new IllegalStateException(routeKey() + " is not an operation of " + group.getSimpleName());
        }
        return group.cast(operation);
    }

    /** The API Gateway route key, e.g. {@code POST /tasks/{id}}. */
    public String routeKey() {
        return method + " " + path;
    }
}
