package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Headers;
import dev.taskledger.http.OpenApi;
import dev.taskledger.http.Responses;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.query.audit.DigestSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public endpoints: {@code /health}, {@code /openapi.json}, {@code /.well-known/jwks.json}. */
final class SystemFunctions {
    private final Ledger ledger;
    private final Optional<DevIssuer> devIssuer;
    private final DigestSigner ledgerKey;

    SystemFunctions(Ledger ledger, Optional<DevIssuer> devIssuer, DigestSigner ledgerKey) {
        this.ledger = ledger;
        this.devIssuer = devIssuer;
        this.ledgerKey = ledgerKey;
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
        // the ledger's digest keys (current and retired), and the dev issuer's key in local dev mode
        List<JWK> keys = new ArrayList<>(ledgerKey.publicKeys());
        devIssuer.ifPresent(i -> keys.addAll(i.publicKeys().getKeys()));
        String jwks = new JWKSet(keys).toString();
        return Responses.response(
                200, jwks, Map.of("Content-Type", Responses.JSON, Headers.REQUEST_ID, Headers.requestId(event)));
    }
}
