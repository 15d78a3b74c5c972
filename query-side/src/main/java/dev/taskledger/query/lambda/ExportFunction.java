package dev.taskledger.query.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.http.Priming;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.lambda.AwsPorts;
import dev.taskledger.query.audit.Exports;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.io.InputStream;
import java.io.OutputStream;

/** The export job: an {@code ExportRequested} event from EventBridge → the bundle in S3, the export marked done. */
public final class ExportFunction implements RequestStreamHandler {
    private final Exports exports;

    public ExportFunction() {
        AwsEnvironment env = AwsEnvironment.current();
        Ledger ledger = AwsPorts.ledger(env);
        this.exports = QueryPorts.exports(env, ledger, QueryPorts.signer(env));
        Priming.register("EXPORTER", () -> ledger.head(Priming.TENANT));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonNode detail = AwsPorts.readEvent(input).get("detail");
        exports.run(detail.get("tenant_id").asText(), detail.get("export_id").asText());
    }
}
