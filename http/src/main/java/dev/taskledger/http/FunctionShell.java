package dev.taskledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.observe.RequestTelemetry;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.table.TableException;
import io.vavr.control.Either;
import java.util.Optional;

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

    public FunctionShell(FunctionName function) {
        this.function = function;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Body body) {
        String requestId = Headers.requestId(event);
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response;
        Optional<ProblemType> problem = Optional.empty();
        try {
            Either<Problem, APIGatewayV2HTTPResponse> result = dispatch(event, requestId, body);
            problem = result.isLeft() ? Optional.of(result.getLeft().type()) : problemOf(result.get());
            response = result.fold(p -> Responses.problem(p, requestId), r -> r);
        } catch (TableException e) {
            // the store refused (full disk, read-only, unreachable): nothing was acknowledged, retrying later may work
            Telemetry.failure("ERROR", "request " + requestId + ": storage unavailable", java.util.Map.of(), e);
            problem = Optional.of(ProblemType.UNAVAILABLE);
            response = Responses.problem(
                    Problem.of(
                                    ProblemType.UNAVAILABLE,
                                    "the store cannot serve this request now; nothing was changed. Retry later"
                                            + " (request " + requestId + ")")
                            .withHeader("Retry-After", "5"),
                    requestId);
        } catch (RuntimeException e) {
            Telemetry.failure("ERROR", "request " + requestId + " failed", java.util.Map.of(), e);
            problem = Optional.of(ProblemType.INTERNAL);
            response = Responses.problem(
                    Problem.of(ProblemType.INTERNAL, "an internal error occurred; request " + requestId), requestId);
        }
        RequestTelemetry.record(function, event, requestId, response, problem, System.nanoTime() - start);
        return response;
    }

    /** A handler may answer a problem document itself (e.g. a replayed 4xx): its type, read back from the body. */
    private static Optional<ProblemType> problemOf(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() < 400 || response.getBody() == null) {
            return Optional.empty();
        }
        for (ProblemType type : ProblemType.values()) {
            if (response.getBody().contains("\"" + type.uri() + "\"")) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
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
