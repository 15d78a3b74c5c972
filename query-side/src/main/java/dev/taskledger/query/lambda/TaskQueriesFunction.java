package dev.taskledger.query.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.Priming;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.projector.view.TaskViewLayout;
import dev.taskledger.query.TaskQueryHandler;
import dev.taskledger.table.dynamodb.AwsEnvironment;

/** {@code GET /tasks}, {@code /tasks/{id}}, {@code /tasks/{id}/history} in AWS. */
public final class TaskQueriesFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final TaskQueryHandler handler;

    public TaskQueriesFunction() {
        AwsEnvironment env = AwsEnvironment.current();
        Ledger ledger = AwsPorts.ledger(env);
        this.handler = new TaskQueryHandler(
                ledger,
                new ProjectionReader(ledger, ledger.table(), TaskViewLayout.PROJECTION),
                QueryPorts.cursors(ledger),
                QueryPorts.maxWait(env));
        Priming.register(
                "TASK_QUERIES",
                () -> handler.handleRequest(
                        Priming.apiEvent("GET /tasks/{id}", "/tasks/priming", java.util.Map.of("id", "priming"), null),
                        null));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
