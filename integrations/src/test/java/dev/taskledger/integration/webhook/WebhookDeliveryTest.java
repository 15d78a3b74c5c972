package dev.taskledger.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.integration.Receiver;
import dev.taskledger.integration.Tasks;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries to a real HTTP receiver on loopback: signatures, retries, timeouts, circuits, dead letters, SSRF. */
class WebhookDeliveryTest {
    static final Actor BOSS = Tasks.actor("boss@company.pk", Role.ADMIN);
    static final String T = "karachi-tech";
    /** Retries every ~20-40 ms for 10 s. */
    static final RetrySchedule FAST =
            new RetrySchedule(Duration.ofMillis(20), 1.5, 0.2, Duration.ofMillis(40), Duration.ofSeconds(10));
    /** Retries every ~20-40 ms, dead after 300 ms. */
    static final RetrySchedule DOOMED =
            new RetrySchedule(Duration.ofMillis(20), 1.5, 0.2, Duration.ofMillis(40), Duration.ofMillis(300));

    @TempDir
    Path dir;

    Tasks tasks;
    Receiver receiver;
    WebhookStore store;
    final AtomicReference<String> resolvesTo = new AtomicReference<>("127.0.0.1");
    UrlGuard guard;

    @BeforeEach
    void setUp() throws Exception {
        tasks = new Tasks(dir);
        receiver = new Receiver();
        store = new WebhookStore(tasks.table);
        guard = new UrlGuard(UrlGuard.Mode.LOCAL, host -> List.of(InetAddress.getByName(resolvesTo.get())));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        tasks.close();
    }

    WebhookDispatcher dispatcher(RetrySchedule schedule, Duration circuitOpenFor) {
        return new WebhookDispatcher(
                store,
                tasks.ledger,
                new WebhookSender(Duration.ofMillis(500), Duration.ofMillis(300)),
                guard,
                schedule,
                WebhookDispatcher.breaker(circuitOpenFor),
                Clock.systemUTC());
    }

    Webhook subscribe(String tenant, List<String> types) {
        Webhook webhook = new Webhook(
                tenant,
                "wh_" + java.util.UUID.randomUUID(),
                receiver.url(),
                types,
                "",
                Instant.now().minusSeconds(1),
                WebhookSigning.newSecret());
        return store.create(webhook).get();
    }

    /** Sweeps until every delivery of the webhook is settled (SUCCEEDED or DEAD), or 5 s pass. */
    List<Delivery> settle(WebhookDispatcher dispatcher, Webhook webhook) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            dispatcher.sweep();
            List<Delivery> all = store.deliveries(T, webhook.webhookId(), Optional.empty(), 100)
                    .items();
            boolean settled = all.stream()
                    .allMatch(d -> d.status() == Delivery.Status.SUCCEEDED || d.status() == Delivery.Status.DEAD);
            if (settled || System.currentTimeMillis() > deadline) {
                return all;
            }
            Thread.sleep(10);
        }
    }

    @Test
    void a_delivery_is_the_envelope_signed_per_standard_webhooks() throws Exception {
        Webhook webhook = subscribe(T, List.of("*"));
        tasks.create(T, BOSS, "{\"title\":\"Signed\"}");
        JsonNode event = tasks.busEvent(T, 1);
        dispatcher(RetrySchedule.DEFAULT, Duration.ofSeconds(60)).handle(event);

        Receiver.Received got = receiver.received.getFirst();
        // the receiver's side, with the specification's reference library: throws unless the signature is valid
        new com.standardwebhooks.Webhook(webhook.secret()).verify(got.body(), got.headers());
        assertThat(EventCodec.MAPPER.readTree(got.body())).isEqualTo(event.get("detail"));
        assertThat(got.header("webhook-id"))
                .isEqualTo("msg_" + event.get("detail").get("event_id").asText());
        assertThat(got.header("content-type")).isEqualTo("application/json");
        assertThat(Long.parseLong(got.header("webhook-timestamp")))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        Delivery delivery = store.delivery(T, webhook.webhookId(), 1).orElseThrow();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SUCCEEDED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(204);
        assertThat(store.due(Instant.now().plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void a_forged_or_replayed_signature_does_not_verify_for_the_receiver() throws Exception {
        Webhook webhook = subscribe(T, List.of("*"));
        tasks.create(T, BOSS, "{\"title\":\"Tamper\"}");
        dispatcher(RetrySchedule.DEFAULT, Duration.ofSeconds(60)).handle(tasks.busEvent(T, 1));
        Receiver.Received got = receiver.received.getFirst();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new com.standardwebhooks.Webhook(webhook.secret())
                        .verify(got.body().replace("Tamper", "Tamperd"), got.headers()))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new com.standardwebhooks.Webhook(WebhookSigning.newSecret()).verify(got.body(), got.headers()))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void server_errors_and_timeouts_are_retried_with_the_same_message_id_until_the_endpoint_answers() throws Exception {
        Webhook webhook = subscribe(T, List.of("TaskCreated"));
        tasks.create(T, BOSS, "{\"title\":\"Flaky\"}");
        WebhookDispatcher dispatcher = dispatcher(FAST, Duration.ofSeconds(60));
        receiver.answer(503);
        dispatcher.handle(tasks.busEvent(T, 1));
        assertThat(store.delivery(T, webhook.webhookId(), 1).orElseThrow().status())
                .isEqualTo(Delivery.Status.FAILED);
        receiver.answer(200);
        receiver.delay(Duration.ofMillis(400)); // beyond the 300 ms response timeout
        Thread.sleep(60);
        dispatcher.sweep();
        Delivery timedOut = store.delivery(T, webhook.webhookId(), 1).orElseThrow();
        assertThat(timedOut.lastError()).contains("timeout waiting for the response");
        receiver.delay(Duration.ZERO);
        Delivery done = settle(dispatcher, webhook).getFirst();
        assertThat(done.status()).isEqualTo(Delivery.Status.SUCCEEDED);
        assertThat(done.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(receiver.received).extracting(r -> r.header("webhook-id")).containsOnly(done.messageId());
    }

    @Test
    void a_delivery_that_never_succeeds_dies_and_a_redrive_delivers_it_after_the_fix() throws Exception {
        Webhook webhook = subscribe(T, List.of("*"));
        tasks.create(T, BOSS, "{\"title\":\"Doomed\"}");
        WebhookDispatcher dispatcher = dispatcher(DOOMED, Duration.ofMillis(1));
        receiver.answer(500);
        dispatcher.handle(tasks.busEvent(T, 1));
        Delivery dead = settle(dispatcher, webhook).getFirst();
        assertThat(dead.status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(dead.lastStatusCode()).contains(500);
        assertThat(dead.nextAttemptAt()).isEmpty();
        int before = receiver.received.size();
        dispatcher.sweep();
        assertThat(receiver.received).hasSize(before); // dead letters are not retried by themselves

        receiver.answer(200);
        assertThat(dispatcher.redrive(T, webhook.webhookId())).isEqualTo(1);
        Delivery redriven = settle(dispatcher, webhook).getFirst();
        assertThat(redriven.status()).isEqualTo(Delivery.Status.SUCCEEDED);
        assertThat(dispatcher.redrive(T, webhook.webhookId())).isZero();
    }

    @Test
    void the_circuit_opens_after_repeated_failures_and_closes_when_the_endpoint_recovers() throws Exception {
        Webhook webhook = subscribe(T, List.of("*"));
        RetrySchedule never = new RetrySchedule(Duration.ofHours(1), 2, 0, Duration.ofHours(1), Duration.ofHours(24));
        WebhookDispatcher dispatcher = dispatcher(never, Duration.ofMillis(300));
        receiver.answer(500);
        for (int i = 1; i <= 5; i++) {
            tasks.create(T, BOSS, "{\"title\":\"f" + i + "\"}");
            dispatcher.handle(tasks.busEvent(T, i));
        }
        assertThat(receiver.received).hasSize(5);
        tasks.create(T, BOSS, "{\"title\":\"while open\"}");
        dispatcher.handle(tasks.busEvent(T, 6));
        assertThat(receiver.received).hasSize(5); // not called
        assertThat(store.delivery(T, webhook.webhookId(), 6).orElseThrow().lastError())
                .hasValueSatisfying(e -> assertThat(e).startsWith("circuit open"));

        receiver.answer(200);
        Thread.sleep(350); // the circuit half-opens
        tasks.create(T, BOSS, "{\"title\":\"probe\"}");
        dispatcher.handle(tasks.busEvent(T, 7));
        tasks.create(T, BOSS, "{\"title\":\"closed again\"}");
        dispatcher.handle(tasks.busEvent(T, 8));
        assertThat(receiver.received).hasSize(7);
        assertThat(store.delivery(T, webhook.webhookId(), 8).orElseThrow().status())
                .isEqualTo(Delivery.Status.SUCCEEDED);
    }

    @Test
    void a_duplicate_bus_delivery_records_and_sends_once() throws Exception {
        Webhook webhook = subscribe(T, List.of("*"));
        tasks.create(T, BOSS, "{\"title\":\"Twice\"}");
        WebhookDispatcher dispatcher = dispatcher(RetrySchedule.DEFAULT, Duration.ofSeconds(60));
        dispatcher.handle(tasks.busEvent(T, 1));
        dispatcher.handle(tasks.busEvent(T, 1));
        assertThat(receiver.received).hasSize(1);
        assertThat(store.deliveries(T, webhook.webhookId(), Optional.empty(), 10)
                        .items())
                .hasSize(1);
    }

    @Test
    void a_tenant_receives_only_its_own_events_of_the_types_it_chose() throws Exception {
        subscribe(T, List.of("TaskDeleted"));
        Webhook other = subscribe("other-tenant", List.of("TaskCreated"));
        String id = tasks.create(T, BOSS, "{\"title\":\"ours\"}");
        tasks.delete(T, BOSS, id);
        tasks.create("other-tenant", BOSS, "{\"title\":\"theirs\"}");
        WebhookDispatcher dispatcher = dispatcher(RetrySchedule.DEFAULT, Duration.ofSeconds(60));
        tasks.allBusEvents(T).forEach(dispatcher::handle);
        tasks.allBusEvents("other-tenant").forEach(dispatcher::handle);
        assertThat(receiver.received)
                .extracting(r -> EventCodec.MAPPER.readTree(r.body()))
                .extracting(j ->
                        j.get("tenant_id").asText() + " " + j.get("event_type").asText())
                .containsExactlyInAnyOrder("karachi-tech TaskDeleted", "other-tenant TaskCreated");
        assertThat(store.deliveries("other-tenant", other.webhookId(), Optional.empty(), 10)
                        .items())
                .hasSize(1);
    }

    @Test
    void events_that_happened_before_the_webhook_existed_are_not_delivered() throws Exception {
        tasks.create(T, BOSS, "{\"title\":\"old news\"}");
        Thread.sleep(5);
        Webhook webhook = store.create(new Webhook(
                        T, "wh_late", receiver.url(), List.of("*"), "", Instant.now(), WebhookSigning.newSecret()))
                .get();
        dispatcher(RetrySchedule.DEFAULT, Duration.ofSeconds(60)).handle(tasks.busEvent(T, 1));
        assertThat(receiver.received).isEmpty();
        assertThat(store.deliveries(T, webhook.webhookId(), Optional.empty(), 10)
                        .items())
                .isEmpty();
    }

    @Test
    void a_url_that_resolves_to_a_private_address_at_delivery_time_is_not_called() throws Exception {
        Webhook webhook = subscribe(T, List.of("*"));
        resolvesTo.set("10.0.0.9"); // DNS rebinding after registration
        tasks.create(T, BOSS, "{\"title\":\"rebind\"}");
        dispatcher(FAST, Duration.ofSeconds(60)).handle(tasks.busEvent(T, 1));
        assertThat(receiver.received).isEmpty();
        assertThat(store.delivery(T, webhook.webhookId(), 1).orElseThrow().lastError())
                .hasValueSatisfying(e -> assertThat(e).startsWith("refused"));
    }

    @Test
    void a_deleted_webhooks_queued_retries_are_dropped() throws Exception {
        Webhook webhook = subscribe(T, List.of("*"));
        tasks.create(T, BOSS, "{\"title\":\"orphan\"}");
        WebhookDispatcher dispatcher = dispatcher(FAST, Duration.ofSeconds(60));
        receiver.answer(500);
        dispatcher.handle(tasks.busEvent(T, 1));
        assertThat(store.delete(T, webhook.webhookId())).isTrue();
        Thread.sleep(60);
        assertThat(dispatcher.sweep()).isZero();
        assertThat(store.due(Instant.now().plusSeconds(3600), 10)).isEmpty();
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void a_tenant_has_at_most_twenty_webhooks() {
        for (int i = 0; i < WebhookStore.MAX_WEBHOOKS_PER_TENANT; i++) {
            subscribe(T, List.of("*"));
        }
        assertThat(store.create(new Webhook(
                                T, "wh_one-too-many", receiver.url(), List.of("*"), "", Instant.now(), "whsec_eA=="))
                        .isLeft())
                .isTrue();
    }
}
