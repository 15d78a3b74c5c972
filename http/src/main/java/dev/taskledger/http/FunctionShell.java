package dev.taskledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shell every authenticated function shares: the request id, the route (by API Gateway's route key, which
 * must belong to this function), the principal from the authorizer context, the route's role check, problem
 * documents for refusals, and a 500 problem (logged, never a stack trace to the client) for bugs.
 */
public final class FunctionShell {
    /** The function's own work once the request is routed, authenticated and authorized. */
    @FunctionalInterface
    public interface Body {
        Either<Problem, APIGatewayV2HTTPResponse> handle(Route route, Principal principal, String requestId);
    }

    private final FunctionName function;
    private final Logger log;

    public FunctionShell(FunctionName function, Logger log) {
        this.function = function;
        this.log = log;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Body body) {
        String requestId = Headers.requestId(event);
        try {
            return dispatch(event, requestId, body).fold(p -> Responses.problem(p, requestId), r -> r);
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "request " + requestId + " failed", e);
            return Responses.problem(
                    Problem.of(ProblemType.INTERNAL, "an internal error occurred; request " + requestId), requestId);
        }
    }

    private Either<Problem, APIGatewayV2HTTPResponse> dispatch(
            APIGatewayV2HTTPEvent event, String requestId, Body body) {
        Optional<Route> route = Routes.byRouteKey(String.valueOf(event.getRouteKey()));
        if (route.isEmpty() || route.get().function() != function) {
            return Either.left(Problem.of(ProblemType.NOT_FOUND, "no such route"));
        }
        return Principal.from(event)
                .flatMap(principal -> route.get().roles().contains(principal.role())
                        ? body.handle(route.get(), principal, requestId)
                        : Either.left(Problem.of(
                                ProblemType.FORBIDDEN,
                                "role " + principal.role() + " may not "
                                        + route.get().operationId())));
    }
}
