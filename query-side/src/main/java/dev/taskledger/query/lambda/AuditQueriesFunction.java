package dev.taskledger.query.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.Priming;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.projector.view.AuditProjector;
import dev.taskledger.query.AuditQueryHandler;
import dev.taskledger.query.audit.Digests;
import dev.taskledger.query.audit.KmsDigestSigner;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.time.Clock;
import java.util.UUID;

/** The audit trail, verification, digests (signed by KMS) and export requests (to EventBridge) in AWS. */
public final class AuditQueriesFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AuditQueryHandler handler;

    public AuditQueriesFunction() {
        AwsEnvironment env = AwsEnvironment.current();
        Ledger ledger = AwsPorts.ledger(env);
        KmsDigestSigner signer = QueryPorts.signer(env);
        this.handler = new AuditQueryHandler(
                ledger,
                new ProjectionReader(ledger, ledger.table(), AuditProjector.PROJECTION),
                new Digests(ledger, signer, Clock.systemUTC()),
                QueryPorts.cursors(ledger),
                QueryPorts.maxWait(env),
                QueryPorts.exports(env, ledger, signer),
                AwsPorts.bus(env),
                () -> UUID.randomUUID().toString());
        Priming.register(
                "AUDIT_QUERIES",
                () -> handler.handleRequest(
                        Priming.apiEvent("GET /audit/verify", "/audit/verify", java.util.Map.of(), null), null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
