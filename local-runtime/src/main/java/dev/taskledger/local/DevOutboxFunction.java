package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.FunctionShell;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.QueryParams;
import dev.taskledger.http.Responses;
import dev.taskledger.integration.notify.OutboxChannel;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code GET /dev/outbox}: the caller's tenant's notifications in the local outbox, oldest first, paged. */
final class DevOutboxFunction {
    private static final FunctionShell SHELL = new FunctionShell(FunctionName.DEV_OUTBOX);
    private final Optional<OutboxChannel> outbox;
    private final Cursors cursors;

    DevOutboxFunction(Optional<OutboxChannel> outbox, Cursors cursors) {
        this.outbox = outbox;
        this.cursors = cursors;
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return SHELL.handle(event, (route, principal, requestId) -> {
            QueryParams params = new QueryParams(event, Set.of("limit", "cursor"));
            int limit = params.limit(1, 100, 25);
            String binding = Cursors.binding("outbox", principal.tenantId());
            long after = params.numericCursor(cursors, binding).orElse(0L);
            if (!params.errors.isEmpty()) {
                return Either.left(params.problem());
            }
            if (outbox.isEmpty()) {
                return Either.left(Problem.of(
                        ProblemType.NOT_FOUND, "notifications go to another channel (TASKLEDGER_NOTIFY_CHANNEL)"));
            }
            OutboxChannel.Page page = outbox.get().read(principal.tenantId(), after, limit);
            ObjectNode body = EventCodec.MAPPER.createObjectNode();
            com.fasterxml.jackson.databind.node.ArrayNode items = body.putArray("items");
            page.items().forEach(items::add);
            if (page.more()) {
                body.put("next_cursor", cursors.sign(binding, Long.toString(page.position())));
            } else {
                body.putNull("next_cursor");
            }
            return Either.right(Responses.json(200, body, Map.of(Headers.REQUEST_ID, requestId)));
        });
    }
}
