package dev.taskledger.projector.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Priming;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.runtime.Projections;
import dev.taskledger.projector.runtime.Projector;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The operator's rebuild, invoked directly ({@code aws lambda invoke}): {@code {"projection": "all" | "task-view" |
 * "analytics" | "audit", "tenant_id"?: "…"}} replays the ledger into a new projection version per tenant and
 * switches readers over; answers {@code {"rebuilt": [{"tenant_id", "projection", "version"}]}}.
 */
public final class RebuildFunction implements RequestStreamHandler {
    private final Ledger ledger;

    public RebuildFunction() {
        this.ledger = AwsPorts.ledger(AwsEnvironment.current());
        Priming.register("REBUILD", () -> ledger.head(Priming.TENANT));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonNode request = AwsPorts.readEvent(input);
        List<Projector> projectors =
                Projections.named(request.path("projection").asText("all"));
        List<String> tenants = request.hasNonNull("tenant_id")
                ? List.of(request.get("tenant_id").asText())
                : ledger.tenants();
        ObjectNode answer = EventCodec.MAPPER.createObjectNode();
        var rebuilt = answer.putArray("rebuilt");
        for (Projector projector : projectors) {
            ProjectionRuntime runtime = new ProjectionRuntime(ledger, projector);
            for (String tenant : tenants) {
                rebuilt.addObject()
                        .put("tenant_id", tenant)
                        .put("projection", projector.name())
                        .put("version", runtime.rebuild(tenant));
            }
        }
        try {
            EventCodec.MAPPER.writeValue(output, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
