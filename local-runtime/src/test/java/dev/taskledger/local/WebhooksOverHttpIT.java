package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.integration.webhook.RetrySchedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks and notifications end to end over HTTP: the API, the bus, the sweeper and a real receiver. */
class WebhooksOverHttpIT {
    @TempDir
    static Path dataDir;

    static LocalRuntime runtime;
    static Api api;
    static HttpServer receiver;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger answer = new AtomicInteger(204);
    static String admin;
    static String member;
    static String auditor;
    static String otherAdmin;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        LocalConfig config = new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000);
        config = config.withIntegrations(config.integrations()
                .withWebhookRetries(
                        new RetrySchedule(Duration.ofMillis(50), 2, 0.2, Duration.ofMillis(200), Duration.ofSeconds(2)),
                        Duration.ofMillis(200),
                        Duration.ofMillis(50)));
        runtime = LocalRuntime.start(config);
        api = new Api(runtime.port());
        admin = api.token("hooked", "boss", "boss@hooked.dev", Role.ADMIN);
        member = api.token("hooked", "hassan", "hassan@hooked.dev", Role.MEMBER);
        auditor = api.token("hooked", "audrey", null, Role.AUDITOR);
        otherAdmin = api.token("other-tenant", "them", null, Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        runtime.close();
        receiver.stop(0);
    }

    static String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    static JsonNode await(String path, String token, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = api.send("GET", path, token, null, Map.of()).json();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not settled: " + last);
    }

    @Test
    void an_admin_subscribes_and_the_receiver_gets_the_tenants_events_and_nothing_else() throws Exception {
        Api.Response created = api.json(
                "POST",
                "/webhooks",
                admin,
                "{'url':'" + url() + "','event_types':['TaskCreated'],'description':'mine'}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("webhook_id").asText();
        assertThat(created.header("location")).isEqualTo("/webhooks/" + id);
        assertThat(created.json().get("secret").asText()).startsWith("whsec_");
        assertThat(api.send("GET", "/webhooks/" + id, admin, null, Map.of())
                        .json()
                        .has("secret"))
                .isFalse();

        api.json("POST", "/tasks", admin, "{'title':'hooked one'}");
        api.json("POST", "/tasks", otherAdmin, "{'title':'not for them'}");
        JsonNode deliveries = await(
                "/webhooks/" + id + "/deliveries",
                admin,
                d -> d.get("items").size() == 1
                        && d.get("items").get(0).get("status").asText().equals("SUCCEEDED"));
        assertThat(deliveries.get("items").get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(received).anySatisfy(body -> assertThat(body).contains("hooked one"));
        assertThat(received).noneSatisfy(body -> assertThat(body).contains("not for them"));

        // another tenant cannot see, list, read the deliveries of, or delete it
        assertThat(api.send("GET", "/webhooks/" + id, otherAdmin, null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("GET", "/webhooks/" + id + "/deliveries", otherAdmin, null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("DELETE", "/webhooks/" + id, otherAdmin, null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("GET", "/webhooks", otherAdmin, null, Map.of())
                        .json()
                        .get("items"))
                .isEmpty();

        assertThat(api.send("DELETE", "/webhooks/" + id, admin, null, Map.of()).status())
                .isEqualTo(204);
        assertThat(api.send("GET", "/webhooks/" + id, admin, null, Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void failures_are_retried_then_dead_and_a_redrive_delivers_them() throws Exception {
        String id = api.json("POST", "/webhooks", admin, "{'url':'" + url() + "','event_types':['TaskUpdated']}")
                .json()
                .get("webhook_id")
                .asText();
        answer.set(503);
        String task = api.json("POST", "/tasks", admin, "{'title':'to be updated'}")
                .json()
                .get("task_id")
                .asText();
        api.json("PATCH", "/tasks/" + task, admin, "{'status':'DONE'}");
        JsonNode dead = await(
                "/webhooks/" + id + "/deliveries",
                admin,
                d -> d.get("items").size() == 1
                        && d.get("items").get(0).get("status").asText().equals("DEAD"));
        JsonNode delivery = dead.get("items").get(0);
        assertThat(delivery.get("attempts").asInt()).isGreaterThan(2);
        // the last attempt either reached the endpoint, or found its circuit open and did not call it
        assertThat(delivery.get("last_error").asText()).matches("HTTP 503|circuit open.*");
        assertThat(delivery.get("next_attempt_at").isNull()).isTrue();

        answer.set(204);
        Api.Response redrive = api.json("POST", "/webhooks/" + id + "/redrive", admin, null);
        assertThat(redrive.status()).isEqualTo(202);
        assertThat(redrive.json().get("redriven").asInt()).isEqualTo(1);
        await(
                "/webhooks/" + id + "/deliveries",
                admin,
                d -> d.get("items").get(0).get("status").asText().equals("SUCCEEDED"));
        api.send("DELETE", "/webhooks/" + id, admin, null, Map.of());
    }

    @Test
    void only_admins_manage_webhooks_and_notification_settings() {
        for (String token : List.of(member, auditor)) {
            assertThat(api.json("POST", "/webhooks", token, "{'url':'" + url() + "','event_types':['*']}")
                            .status())
                    .isEqualTo(403);
            assertThat(api.send("GET", "/webhooks", token, null, Map.of()).status())
                    .isEqualTo(403);
            assertThat(api.send("GET", "/notifications/settings", token, null, Map.of())
                            .status())
                    .isEqualTo(403);
            assertThat(api.json("PUT", "/notifications/settings", token, "{'notify_on':[]}")
                            .status())
                    .isEqualTo(403);
        }
    }

    @Test
    void bad_subscriptions_are_refused_with_one_error_per_member() {
        for (String url : List.of(
                "http://10.0.0.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "ftp://127.0.0.1/x",
                "http://127.0.0.1.nip.io/x",
                "https://user:pw@127.0.0.1/")) {
            Api.Response r = api.json("POST", "/webhooks", admin, "{'url':'" + url + "','event_types':['*']}");
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("url");
        }
        Api.Response r = api.json(
                "POST", "/webhooks", admin, "{'url':'" + url() + "','event_types':['TaskExploded'],'secret':'mine'}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("event_types", "secret");
        assertThat(api.send("POST", "/webhooks", admin, "{}", Map.of()).status())
                .isEqualTo(415);
        assertThat(api.send("GET", "/webhooks/not-a-webhook", admin, null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("GET", "/webhooks?limit=0", admin, null, Map.of()).status())
                .isEqualTo(400);
        assertThat(api.send("GET", "/webhooks?cursor=forged", admin, null, Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void the_webhook_cap_is_exact_under_40_concurrent_creations() throws Exception {
        String capped = api.token("capped-co", "boss", null, Role.ADMIN);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(40)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 40; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.json(
                                    "POST",
                                    "/webhooks",
                                    capped,
                                    "{'url':'" + url() + "?n=" + n + "','event_types':['*']}")
                            .status();
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get());
        }
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(20);
        assertThat(statuses.stream().filter(s -> s == 400)).hasSize(20);
        assertThat(api.send("GET", "/webhooks?limit=100", capped, null, Map.of())
                        .json()
                        .get("items"))
                .hasSize(20);
        // deleting one frees exactly one place
        String first = api.send("GET", "/webhooks?limit=1", capped, null, Map.of())
                .json()
                .get("items")
                .get(0)
                .get("webhook_id")
                .asText();
        assertThat(api.send("DELETE", "/webhooks/" + first, capped, null, Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(api.json("POST", "/webhooks", capped, "{'url':'" + url() + "','event_types':['*']}")
                        .status())
                .isEqualTo(201);
        assertThat(api.json("POST", "/webhooks", capped, "{'url':'" + url() + "','event_types':['*']}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void webhook_lists_page_through_every_webhook_once() {
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(
                    api.json("POST", "/webhooks", otherAdmin, "{'url':'" + url() + "','event_types':['TaskDeleted']}")
                            .json()
                            .get("webhook_id")
                            .asText());
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.send(
                            "GET",
                            "/webhooks?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                            otherAdmin,
                            null,
                            Map.of())
                    .json();
            page.get("items").forEach(w -> seen.add(w.get("webhook_id").asText()));
            cursor = page.get("next_cursor").isNull()
                    ? null
                    : page.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        created.forEach(id -> api.send("DELETE", "/webhooks/" + id, otherAdmin, null, Map.of()));
    }

    @Test
    void assignment_notifications_follow_the_tenants_settings_into_the_outbox() throws Exception {
        assertThat(api.send("GET", "/notifications/settings", admin, null, Map.of())
                        .json()
                        .toString())
                .isEqualTo("{\"notify_on\":[\"ASSIGNED\"],\"slack_webhook_configured\":false}");
        Api.Response put =
                api.json("PUT", "/notifications/settings", admin, "{'notify_on':['ASSIGNED','STATUS_CHANGED']}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(api.json("PUT", "/notifications/settings", admin, "{'notify_on':['NEVER']}")
                        .status())
                .isEqualTo(400);

        String task = api.json("POST", "/tasks", admin, "{'title':'Notify Hassan','assigned_to':'hassan@hooked.dev'}")
                .json()
                .get("task_id")
                .asText();
        api.json("PATCH", "/tasks/" + task, admin, "{'status':'IN_PROGRESS'}");
        JsonNode outbox = await("/dev/outbox", member, o -> o.get("items").size() >= 2);
        assertThat(outbox.get("items").findValuesAsText("subject"))
                .contains("Task assigned to you: Notify Hassan", "Task IN_PROGRESS: Notify Hassan");
        assertThat(outbox.get("items").findValuesAsText("recipient")).containsOnly("hassan@hooked.dev");
        assertThat(api.send("GET", "/dev/outbox", otherAdmin, null, Map.of())
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(EventCodec.MAPPER
                        .readTree(api.send("GET", "/dev/outbox?limit=1", member, null, Map.of())
                                .body())
                        .get("next_cursor")
                        .isTextual())
                .isTrue();
    }
}
