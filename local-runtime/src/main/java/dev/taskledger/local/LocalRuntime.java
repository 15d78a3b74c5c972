package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.jwk.JWK;
import dev.taskledger.command.auth.AuthSettings;
import dev.taskledger.command.auth.JwtAuthenticator;
import dev.taskledger.command.auth.JwtAuthorizerHandler;
import dev.taskledger.command.http.TaskCommandHandler;
import dev.taskledger.command.service.Ids;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Responses;
import dev.taskledger.http.observe.Telemetry;
import dev.taskledger.integration.IntegrationsHandler;
import dev.taskledger.integration.notify.NotificationChannel;
import dev.taskledger.integration.notify.NotificationConsumer;
import dev.taskledger.integration.notify.NotificationStore;
import dev.taskledger.integration.notify.OutboxChannel;
import dev.taskledger.integration.notify.SesEmailChannel;
import dev.taskledger.integration.webhook.UrlGuard;
import dev.taskledger.integration.webhook.WebhookDispatcher;
import dev.taskledger.integration.webhook.WebhookSender;
import dev.taskledger.integration.webhook.WebhookStore;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.bridge.StreamBridgeHandler;
import dev.taskledger.projector.bus.Chaos;
import dev.taskledger.projector.bus.DeliveryPolicy;
import dev.taskledger.projector.bus.InProcessBus;
import dev.taskledger.projector.route.DeliverySettings;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.runtime.ProjectorHandler;
import dev.taskledger.projector.view.AuditProjector;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.query.AnalyticsQueryHandler;
import dev.taskledger.query.AuditQueryHandler;
import dev.taskledger.query.SystemHandler;
import dev.taskledger.query.TaskQueryHandler;
import dev.taskledger.query.audit.Digests;
import dev.taskledger.query.audit.Exports;
import dev.taskledger.query.audit.LocalDigestSigner;
import dev.taskledger.table.sqlite.SqliteTable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Wires the local process: embedded table, ledger, the same functions as AWS, the front door. */
public final class LocalRuntime implements AutoCloseable {
    public static final String DATABASE_FILE = "taskledger.db";
    private final SqliteTable table;
    private final Ledger ledger;
    private final Optional<DevIssuer> devIssuer;
    private final FrontDoor frontDoor;
    private final ProjectionRuntime taskView;
    private final ProjectionRuntime audit;
    private final ProjectionRuntime analytics;
    private final InProcessBus bus;
    private final LocalObjectStore objects;
    private final Exports exports;
    private final StreamPoller poller;
    private final Thread pollerThread;
    private final WebhookDispatcher webhooks;
    private final ScheduledExecutorService sweeper;
    private final Duration sweepInterval;
    private final ExpirySweeper expiry;
    private final ScheduledExecutorService expiryTimer;
    /** How often expired idempotency records, exports and counters are deleted. */
    static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(10);

    private LocalRuntime(LocalConfig config, Clock clock) throws IOException {
        DataDirectory.secure(config.dataDir());
        this.table = openStore(config.dataDir(), SqliteTable.Durability.FULL, clock);
        this.ledger = new Ledger(table, clock);
        this.devIssuer = config.externalIssuer().isEmpty()
                ? Optional.of(DevIssuer.loadOrCreate(config.dataDir(), clock))
                : Optional.empty();
        AuthSettings auth = config.externalIssuer()
                .map(e -> AuthSettings.remote(e.issuer(), e.audience(), e.jwksUrl()))
                .orElseGet(() -> new AuthSettings(
                        DevIssuer.ISSUER,
                        DevIssuer.AUDIENCE,
                        devIssuer.orElseThrow().keySource()));
        JwtAuthorizerHandler authorizer = new JwtAuthorizerHandler(new JwtAuthenticator(auth));
        TaskCommandHandler commands = new TaskCommandHandler(ledger, clock);
        this.taskView = new ProjectionRuntime(ledger, new TaskViewProjector());
        this.audit = new ProjectionRuntime(ledger, new AuditProjector());
        this.analytics = new ProjectionRuntime(ledger, new AnalyticsProjector());
        LocalDigestSigner ledgerKey = LedgerKeys.loadOrCreate(config.dataDir());
        Digests digests = new Digests(ledger, ledgerKey, clock);
        AtomicInteger frontDoorPort = new AtomicInteger();
        this.objects = new LocalObjectStore(
                config.dataDir(), Secrets.loadOrCreate(config.dataDir(), "download.key"), clock, frontDoorPort::get);
        this.exports = new Exports(ledger, digests, ledgerKey, objects, clock);
        LocalConfig.Integrations integrations = config.integrations();
        WebhookStore webhookStore = new WebhookStore(table);
        boolean loopbackTargets = config.externalIssuer()
                .map(LocalConfig.ExternalIssuer::allowLoopbackWebhooks)
                .orElse(true);
        UrlGuard urlGuard =
                new UrlGuard(loopbackTargets ? UrlGuard.Mode.LOCAL : UrlGuard.Mode.AWS, UrlGuard.Resolver.DNS);
        this.webhooks = new WebhookDispatcher(
                webhookStore,
                ledger,
                WebhookSender.defaults(),
                urlGuard,
                integrations.webhookRetries(),
                WebhookDispatcher.breaker(integrations.circuitOpenFor()),
                clock);
        this.sweepInterval = integrations.sweepInterval();
        this.expiry = new ExpirySweeper(ledger, table, objects, clock, 10_000);
        this.expiryTimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("expiry-sweeper").factory());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("webhook-sweeper").factory());
        Optional<OutboxChannel> outbox = integrations.channel().equals("outbox")
                ? Optional.of(new OutboxChannel(config.dataDir()))
                : Optional.empty();
        NotificationChannel channel = integrations.channel().equals("email")
                ? new SesEmailChannel(
                        SesV2Client.create(), integrations.emailFrom().orElseThrow())
                : outbox.orElseThrow();
        NotificationStore notificationStore = new NotificationStore(table);
        NotificationConsumer notifications = new NotificationConsumer(notificationStore, ledger, channel, clock);
        var targets = new java.util.EnumMap<
                ProjectorName, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode>>(
                ProjectorName.class);
        for (ProjectorName target : ProjectorName.values()) {
            // exhaustive: a bus target without a consumer here fails to compile, not at run time
            targets.put(
                    target,
                    switch (target) {
                        case TASK_VIEW -> new ProjectorHandler(taskView)::handle;
                        case ANALYTICS -> new ProjectorHandler(analytics)::handle;
                        case AUDIT -> new ProjectorHandler(audit)::handle;
                        case EXPORTER ->
                            event -> exports.run(
                                    event.get("detail").get("tenant_id").asText(),
                                    event.get("detail").get("export_id").asText());
                        case WEBHOOKS -> webhooks::handle;
                        case NOTIFICATIONS -> notifications::handle;
                    });
        }
        this.bus = new InProcessBus(
                EventRoutes.ALL, targets, DeliveryPolicy.DEFAULT, Chaos.NONE, clock, new TableDeadLetters(table));
        StreamBridgeHandler bridge = new StreamBridgeHandler(bus, DeliverySettings.BRIDGE_PUBLISH_ATTEMPTS);
        this.poller = new StreamPoller(
                table,
                StreamBridgeHandler.FILTER,
                table,
                table,
                event -> bridge.handleRequest(event, null),
                DeliverySettings.STREAM_BATCH_SIZE,
                DeliverySettings.STREAM_RETRIES,
                DeliverySettings.STREAM_MAX_RECORD_AGE,
                table::trimStream,
                clock);
        this.pollerThread = Thread.ofPlatform().daemon().name("stream-poller").unstarted(poller);
        AnalyticsQueryHandler analyticsQueries =
                new AnalyticsQueryHandler(analytics.reader(), clock, config.minSequenceWait());
        Cursors cursors = new Cursors(Secrets.loadOrCreate(config.dataDir(), "cursor.key"));
        TaskQueryHandler queries = new TaskQueryHandler(ledger, taskView.reader(), cursors, config.minSequenceWait());
        AuditQueryHandler auditQueries = new AuditQueryHandler(
                ledger, audit.reader(), digests, cursors, config.minSequenceWait(), exports, bus, Ids::newId);
        SystemHandler system = new SystemHandler(ledger, () -> {
            List<JWK> keys = new ArrayList<>(ledgerKey.publicKeys());
            devIssuer.ifPresent(i -> keys.addAll(i.publicKeys().getKeys()));
            return keys;
        });
        DevTokensFunction devTokens = new DevTokensFunction(devIssuer, notificationStore::rememberAddress);
        IntegrationsHandler integrationsHandler = new IntegrationsHandler(
                webhookStore, webhooks, notificationStore, urlGuard, cursors, Ids::newId, clock);
        DevOutboxFunction devOutbox = new DevOutboxFunction(outbox, cursors);
        boolean devMode = config.externalIssuer().isEmpty(); // with a real issuer the dev endpoints do not exist
        var functions = new java.util.EnumMap<FunctionName, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>(
                FunctionName.class);
        for (FunctionName name : FunctionName.values()) {
            // exhaustive: a function without a binding here fails to compile, not at run time
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> binding =
                    switch (name) {
                        case TASK_COMMANDS -> event -> commands.handleRequest(event, null);
                        case TASK_QUERIES -> event -> queries.handleRequest(event, null);
                        case ANALYTICS_QUERIES -> event -> analyticsQueries.handleRequest(event, null);
                        case AUDIT_QUERIES -> event -> auditQueries.handleRequest(event, null);
                        case INTEGRATIONS -> event -> integrationsHandler.handleRequest(event, null);
                        case EXPORT_DOWNLOADS -> event -> Downloads.serve(event, objects);
                        case HEALTH, OPENAPI, JWKS -> event -> system.handleRequest(event, null);
                        case DEV_TOKENS -> devMode ? devTokens::handle : null;
                        case DEV_OUTBOX -> devMode ? devOutbox::handle : null;
                        case DEV_METRICS ->
                            devMode
                                    ? event -> Responses.json(
                                            200,
                                            Telemetry.metrics().toJson(),
                                            Map.of(
                                                    Headers.REQUEST_ID,
                                                    Headers.requestId(event),
                                                    "Cache-Control",
                                                    "no-store"))
                                    : null;
                    };
            if (binding != null) {
                functions.put(name, binding);
            }
        }
        this.frontDoor = new FrontDoor(
                config.port(),
                request -> authorizer.handleRequest(request, null),
                functions,
                new TenantRateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), clock));
        frontDoorPort.set(frontDoor.port());
    }

    /** The embedded store as the runtime opens it: only ledger events feed the bridge, so only they are streamed. */
    public static SqliteTable openStore(java.nio.file.Path dataDir, SqliteTable.Durability durability, Clock clock) {
        DataDirectory.createPrivateFile(dataDir.resolve(DATABASE_FILE));
        return SqliteTable.open(dataDir.resolve(DATABASE_FILE), durability, clock, Keys::isEvent);
    }

    public static LocalRuntime start(LocalConfig config) throws IOException {
        LocalRuntime runtime = new LocalRuntime(config, Clock.systemUTC());
        // after a crash between the ledger and a projection, catch every tenant up before serving
        runtime.taskView.catchUpAll();
        runtime.audit.catchUpAll();
        runtime.analytics.catchUpAll();
        runtime.pollerThread.start();
        long sweepMillis = runtime.sweepInterval.toMillis();
        runtime.sweeper.scheduleWithFixedDelay(runtime::housekeeping, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        runtime.expiryTimer.scheduleWithFixedDelay(
                runtime::sweepExpired, 0, EXPIRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        runtime.frontDoor.start();
        return runtime;
    }

    /** Every second: due webhook retries, and dead letters an operator asked to redrive. */
    private void housekeeping() {
        try {
            webhooks.sweep();
            bus.redriveRequested();
        } catch (RuntimeException e) {
            Telemetry.failure("WARN", "housekeeping failed; the next round retries", java.util.Map.of(), e);
        }
    }

    /** One round of the expiry sweep (every {@link #EXPIRY_INTERVAL}); returns how many items it deleted. */
    int sweepExpired() {
        try {
            return expiry.sweep();
        } catch (IOException | RuntimeException e) {
            Telemetry.failure("WARN", "the expiry sweep failed; the next round retries", java.util.Map.of(), e);
            return 0;
        }
    }

    public WebhookDispatcher webhooks() {
        return webhooks;
    }

    public int port() {
        return frontDoor.port();
    }

    public Ledger ledger() {
        return ledger;
    }

    public ProjectionRuntime taskView() {
        return taskView;
    }

    public ProjectionRuntime analytics() {
        return analytics;
    }

    public ProjectionRuntime audit() {
        return audit;
    }

    public InProcessBus bus() {
        return bus;
    }

    public Optional<DevIssuer> devIssuer() {
        return devIssuer;
    }

    /** Graceful: stop accepting, finish requests in flight (up to 5 s), then close the store. */
    @Override
    public void close() {
        frontDoor.stop(5);
        poller.stop();
        try {
            pollerThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sweeper.shutdownNow();
        expiryTimer.shutdownNow();
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bus.close();
        table.close();
    }
}
