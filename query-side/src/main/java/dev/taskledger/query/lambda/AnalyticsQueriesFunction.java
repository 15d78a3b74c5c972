package dev.taskledger.query.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.Priming;
import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.query.AnalyticsQueryHandler;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.time.Clock;

/** {@code GET /analytics/summary} in AWS. */
public final class AnalyticsQueriesFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AnalyticsQueryHandler handler;

    public AnalyticsQueriesFunction() {
        AwsEnvironment env = AwsEnvironment.current();
        this.handler =
                new AnalyticsQueryHandler(analytics(AwsPorts.ledger(env)), Clock.systemUTC(), QueryPorts.maxWait(env));
        Priming.register(
                "ANALYTICS_QUERIES",
                () -> handler.handleRequest(
                        Priming.apiEvent("GET /analytics/summary", "/analytics/summary", java.util.Map.of(), null),
                        null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handleRequest(event, context);
    }

    private static ProjectionReader analytics(dev.taskledger.ledger.Ledger ledger) {
        return new ProjectionReader(ledger, ledger.table(), AnalyticsProjector.PROJECTION);
    }
}
