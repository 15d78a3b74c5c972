package dev.taskledger.query.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.Priming;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.query.SystemHandler;
import dev.taskledger.query.audit.KmsDigestSigner;
import dev.taskledger.table.dynamodb.AwsEnvironment;

/** {@code /health}, {@code /openapi.json} and {@code /.well-known/jwks.json} (the KMS digest keys) in AWS. */
public final class SystemFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SystemHandler handler;

    public SystemFunction() {
        AwsEnvironment env = AwsEnvironment.current();
        KmsDigestSigner signer = QueryPorts.signer(env);
        this.handler = new SystemHandler(AwsPorts.ledger(env), signer::publicKeys);
        Priming.register("SYSTEM", () -> {
            handler.handleRequest(Priming.apiEvent("GET /health", "/health", java.util.Map.of(), null), null);
            handler.handleRequest(
                    Priming.apiEvent("GET /openapi.json", "/openapi.json", java.util.Map.of(), null), null);
        });
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
