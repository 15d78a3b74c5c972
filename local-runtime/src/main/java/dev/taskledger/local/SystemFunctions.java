package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Headers;
import dev.taskledger.http.OpenApi;
import dev.taskledger.http.Responses;
import dev.taskledger.ledger.Ledger;
import java.util.Map;
import java.util.Optional;

/** The public endpoints: {@code /health}, {@code /openapi.json}, {@code /.well-known/jwks.json}. */
final class SystemFunctions {
    private final Ledger ledger;
    private final Optional<DevIssuer> devIssuer;

    SystemFunctions(Ledger ledger, Optional<DevIssuer> devIssuer) {
        this.ledger = ledger;
        this.devIssuer = devIssuer;
    }

    APIGatewayV2HTTPResponse health(APIGatewayV2HTTPEvent event) {
        String requestId = Headers.requestId(event);
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

    APIGatewayV2HTTPResponse openApi(APIGatewayV2HTTPEvent event) {
        return Responses.response(
                200,
                OpenApi.document(),
                Map.of("Content-Type", Responses.JSON, Headers.REQUEST_ID, Headers.requestId(event)));
    }

    APIGatewayV2HTTPResponse jwks(APIGatewayV2HTTPEvent event) {
        String keys = devIssuer.map(i -> i.publicKeys().toString()).orElse("{\"keys\":[]}");
        return Responses.response(
                200, keys, Map.of("Content-Type", Responses.JSON, Headers.REQUEST_ID, Headers.requestId(event)));
    }
}
