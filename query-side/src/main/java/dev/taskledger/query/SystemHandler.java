package dev.taskledger.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Headers;
import dev.taskledger.http.OpenApi;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.Responses;
import dev.taskledger.ledger.Ledger;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The public endpoints: {@code /health} (the store answers), {@code /openapi.json}, {@code /.well-known/jwks.json}
 * (the ledger's digest keys, current and retired, plus any others the runtime publishes, such as the local dev
 * issuer's). Query parameters are ignored, as SPEC section 11 says for public endpoints.
 */
public final class SystemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Ledger ledger;
    private final Supplier<List<JWK>> keys;

    public SystemHandler(Ledger ledger, Supplier<List<JWK>> keys) {
        this.ledger = ledger;
        this.keys = keys;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = Headers.requestId(event);
        return switch (String.valueOf(event.getRouteKey())) {
            case "GET /health" -> health(requestId);
            case "GET /openapi.json" ->
                Responses.response(
                        200, OpenApi.document(), Map.of("Content-Type", Responses.JSON, Headers.REQUEST_ID, requestId));
            case "GET /.well-known/jwks.json" ->
                Responses.response(
                        200,
                        new JWKSet(keys.get()).toString(),
                        Map.of("Content-Type", Responses.JSON, Headers.REQUEST_ID, requestId));
            default -> Responses.problem(Problem.of(ProblemType.NOT_FOUND, "no such route"), requestId);
        };
    }

    private APIGatewayV2HTTPResponse health(String requestId) {
        boolean up;
        try {
            ledger.head("health-check");
            up = true;
        } catch (RuntimeException e) {
            up = false;
        }
        return Responses.json(
                up ? 200 : 503,
                EventCodec.MAPPER.createObjectNode().put("status", up ? "UP" : "DOWN"),
                Map.of(Headers.REQUEST_ID, requestId, "Cache-Control", "no-store"));
    }
}
