package dev.taskledger.projector.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskledger.http.Priming;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.runtime.Projections;
import dev.taskledger.projector.runtime.ProjectorHandler;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An EventBridge rule's target: the projection named by {@code TASKLEDGER_PROJECTOR} ({@code TASK_VIEW},
 * {@code ANALYTICS}, {@code AUDIT}) catches up for the event's tenant. A failure throws, so EventBridge retries the
 * invocation per the target's retry policy and then sends it to the target's dead-letter queue.
 */
public final class ProjectorFunction implements RequestStreamHandler {
    private final ProjectorHandler handler;

    public ProjectorFunction() {
        AwsEnvironment env = AwsEnvironment.current();
        ProjectorName target = ProjectorName.valueOf(env.required(AwsEnvironment.PROJECTOR));
        ProjectionRuntime runtime = new ProjectionRuntime(
                AwsPorts.ledger(env),
                Projections.forTarget(target)
                        .orElseThrow(() -> new IllegalStateException(target + " is not a projection")));
        this.handler = new ProjectorHandler(runtime);
        Priming.register(target.name(), () -> runtime.projectedSequence(Priming.TENANT));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        handler.handle(AwsPorts.readEvent(input));
    }
}
