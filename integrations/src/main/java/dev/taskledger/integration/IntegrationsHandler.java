package dev.taskledger.integration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.FunctionShell;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Operation;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.QueryParams;
import dev.taskledger.http.RequestBodies;
import dev.taskledger.http.Responses;
import dev.taskledger.integration.notify.NotificationSettings;
import dev.taskledger.integration.notify.NotificationStore;
import dev.taskledger.integration.webhook.Delivery;
import dev.taskledger.integration.webhook.UrlGuard;
import dev.taskledger.integration.webhook.Webhook;
import dev.taskledger.integration.webhook.WebhookDispatcher;
import dev.taskledger.integration.webhook.WebhookRequest;
import dev.taskledger.integration.webhook.WebhookSigning;
import dev.taskledger.integration.webhook.WebhookStore;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The integrations function (ADMIN only, by the route table): webhooks — create (the secret shown once), list,
 * get, delete, their deliveries, redrive of dead deliveries — and the tenant's notification settings.
 */
public final class IntegrationsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final FunctionShell SHELL = new FunctionShell(FunctionName.INTEGRATIONS);
    private static final Pattern WEBHOOK_ID = Pattern.compile("wh_[A-Za-z0-9-]{1,64}");
    private static final Set<String> PAGE_PARAMS = Set.of("limit", "cursor");

    private final WebhookStore webhooks;
    private final WebhookDispatcher dispatcher;
    private final NotificationStore notifications;
    private final UrlGuard guard;
    private final Cursors cursors;
    private final Supplier<String> ids;
    private final Clock clock;

    public IntegrationsHandler(
            WebhookStore webhooks,
            WebhookDispatcher dispatcher,
            NotificationStore notifications,
            UrlGuard guard,
            Cursors cursors,
            Supplier<String> ids,
            Clock clock) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.notifications = notifications;
        this.guard = guard;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SHELL.handle(event, (route, principal, requestId) -> {
            String tenant = principal.tenantId();
            Map<String, String> headers = Map.of(Headers.REQUEST_ID, requestId);
            return switch (route.operationOf(Operation.Integration.class)) {
                case CREATE_WEBHOOK -> noParams(event).flatMap(ok -> create(event, tenant, requestId));
                case LIST_WEBHOOKS -> list(event, tenant, headers);
                case GET_WEBHOOK ->
                    noParams(event)
                            .flatMap(ok -> webhook(event, tenant))
                            .map(w -> Responses.json(200, w.toJson(false), headers));
                case DELETE_WEBHOOK ->
                    noParams(event).flatMap(ok -> webhook(event, tenant)).map(w -> {
                        webhooks.delete(tenant, w.webhookId());
                        return Responses.empty(204, headers);
                    });
                case LIST_WEBHOOK_DELIVERIES -> deliveries(event, tenant, headers);
                case REDRIVE_WEBHOOK_DELIVERIES ->
                    noParams(event)
                            .flatMap(ok -> webhook(event, tenant))
                            .map(w -> Responses.json(
                                    202,
                                    EventCodec.MAPPER
                                            .createObjectNode()
                                            .put("webhook_id", w.webhookId())
                                            .put("redriven", dispatcher.redrive(tenant, w.webhookId())),
                                    headers));
                case GET_NOTIFICATION_SETTINGS ->
                    noParams(event)
                            .map(ok -> Responses.json(
                                    200, notifications.settings(tenant).toJson(), headers));
                case PUT_NOTIFICATION_SETTINGS ->
                    noParams(event)
                            .flatMap(ok -> RequestBodies.jsonBody(event, RequestBodies.bodyBytes(event)))
                            .flatMap(body -> NotificationSettings.parse(body, notifications.settings(tenant)))
                            .flatMap(this::guardSlack)
                            .map(settings -> {
                                notifications.saveSettings(tenant, settings);
                                return Responses.json(200, settings.toJson(), headers);
                            });
            };
        });
    }

    private Either<Problem, APIGatewayV2HTTPResponse> create(
            APIGatewayV2HTTPEvent event, String tenant, String requestId) {
        return RequestBodies.jsonBody(event, RequestBodies.bodyBytes(event))
                .flatMap(body -> WebhookRequest.parse(body, guard))
                .flatMap(request -> webhooks.create(new Webhook(
                                tenant,
                                "wh_" + ids.get(),
                                request.url(),
                                request.eventTypes(),
                                request.description(),
                                clock.instant(),
                                WebhookSigning.newSecret()))
                        .mapLeft(limit -> Problem.of(ProblemType.VALIDATION, limit)))
                .map(webhook -> Responses.json(
                        201,
                        webhook.toJson(true),
                        Map.of(
                                Headers.REQUEST_ID,
                                requestId,
                                Headers.LOCATION,
                                "/webhooks/" + webhook.webhookId(),
                                "Cache-Control",
                                "no-store")));
    }

    /** A tenant's Slack webhook is an outside call like a webhook: the same SSRF guard decides where it may go. */
    private Either<Problem, NotificationSettings> guardSlack(NotificationSettings settings) {
        if (settings.slackWebhookUrl().isEmpty()) {
            return Either.right(settings);
        }
        return guard.check(settings.slackWebhookUrl().get().toString())
                .<Either<Problem, NotificationSettings>>map(ok -> Either.right(settings))
                .getOrElseGet(reason -> Either.left(new Problem(
                        ProblemType.VALIDATION,
                        "the settings are invalid",
                        List.of(new Problem.FieldProblem("slack_webhook_url", reason)),
                        Map.of())));
    }

    private Either<Problem, APIGatewayV2HTTPResponse> list(
            APIGatewayV2HTTPEvent event, String tenant, Map<String, String> headers) {
        QueryParams params = new QueryParams(event, PAGE_PARAMS);
        int limit = params.limit(1, 100, 25);
        Optional<String> after = params.cursor(cursors, Cursors.binding("webhooks", tenant));
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        List<Webhook> all = webhooks.all(tenant).stream()
                .filter(w -> after.isEmpty() || w.webhookId().compareTo(after.get()) > 0)
                .toList();
        List<Webhook> page = all.stream().limit(limit).toList();
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.forEach(w -> items.add(w.toJson(false)));
        if (all.size() > limit) {
            body.put(
                    "next_cursor",
                    cursors.sign(
                            Cursors.binding("webhooks", tenant), page.getLast().webhookId()));
        } else {
            body.putNull("next_cursor");
        }
        return Either.right(Responses.json(200, body, headers));
    }

    /** Query parameters are checked before the webhook is looked up: 400 comes before 404 (SPEC section 11). */
    private Either<Problem, APIGatewayV2HTTPResponse> deliveries(
            APIGatewayV2HTTPEvent event, String tenant, Map<String, String> headers) {
        QueryParams params = new QueryParams(event, PAGE_PARAMS);
        int limit = params.limit(1, 100, 25);
        String id = event.getPathParameters() == null
                ? null
                : event.getPathParameters().get("id");
        String binding = Cursors.binding("deliveries", tenant, id);
        Optional<Long> before = params.numericCursor(cursors, binding);
        if (!params.errors.isEmpty()) {
            return Either.left(params.problem());
        }
        return webhook(event, tenant).map(w -> deliveryPage(w, before, limit, binding, headers));
    }

    private APIGatewayV2HTTPResponse deliveryPage(
            Webhook webhook, Optional<Long> before, int limit, String binding, Map<String, String> headers) {
        WebhookStore.DeliveryPage page = webhooks.deliveries(webhook.tenantId(), webhook.webhookId(), before, limit);
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().stream().map(Delivery::toJson).forEach(items::add);
        if (page.more()) {
            body.put(
                    "next_cursor",
                    cursors.sign(binding, Long.toString(page.items().getLast().sequence())));
        } else {
            body.putNull("next_cursor");
        }
        return Responses.json(200, body, headers);
    }

    private Either<Problem, Webhook> webhook(APIGatewayV2HTTPEvent event, String tenant) {
        String id = event.getPathParameters() == null
                ? null
                : event.getPathParameters().get("id");
        return Optional.ofNullable(id)
                .filter(i -> WEBHOOK_ID.matcher(i).matches())
                .flatMap(i -> webhooks.get(tenant, i))
                .<Either<Problem, Webhook>>map(Either::right)
                .orElseGet(() -> Either.left(Problem.of(ProblemType.NOT_FOUND, "no such webhook")));
    }

    private static Either<Problem, Boolean> noParams(APIGatewayV2HTTPEvent event) {
        QueryParams params = new QueryParams(event, Set.of());
        return params.errors.isEmpty() ? Either.right(true) : Either.left(params.problem());
    }
}
