package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import dev.taskledger.http.Route;
import dev.taskledger.http.Routes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every authenticated route of the route table is probed, so a new route cannot slip by: the role matrix, 401
 * without a token, cross-tenant probes on every route with a resource id, and no stack trace or class name in any
 * answer. The expected roles come from {@link #CONTRACT}, written from the contract (docs/contract.md, section
 * "Identity, tenancy, roles"), never from the route table the server enforces: a route table that granted a role too
 * much (or too little) fails here.
 */
class SecurityMatrixIT {
    @TempDir
    static Path dataDir;

    static final Set<Role> ALL = Set.of(Role.ADMIN, Role.MEMBER, Role.AUDITOR);
    static final Set<Role> ADMIN_AUDITOR = Set.of(Role.ADMIN, Role.AUDITOR);
    static final Set<Role> ADMIN_MEMBER = Set.of(Role.ADMIN, Role.MEMBER);
    static final Set<Role> ADMIN_ONLY = Set.of(Role.ADMIN);

    /** Who may call each authenticated route, as the contract says. */
    static final Map<String, Set<Role>> CONTRACT = Map.ofEntries(
            Map.entry("POST /tasks", ADMIN_MEMBER),
            Map.entry("GET /tasks", ALL),
            Map.entry("GET /tasks/{id}", ALL),
            Map.entry("GET /tasks/{id}/history", ALL),
            Map.entry("PUT /tasks/{id}", ADMIN_MEMBER),
            Map.entry("PATCH /tasks/{id}", ADMIN_MEMBER),
            Map.entry("DELETE /tasks/{id}", ADMIN_ONLY),
            Map.entry("GET /analytics/summary", ADMIN_AUDITOR),
            Map.entry("GET /audit", ADMIN_AUDITOR),
            Map.entry("GET /audit/verify", ADMIN_AUDITOR),
            Map.entry("GET /audit/digest", ADMIN_AUDITOR),
            Map.entry("GET /audit/digests", ADMIN_AUDITOR),
            Map.entry("POST /audit/exports", ADMIN_AUDITOR),
            Map.entry("GET /audit/exports/{id}", ADMIN_AUDITOR),
            Map.entry("POST /webhooks", ADMIN_ONLY),
            Map.entry("GET /webhooks", ADMIN_ONLY),
            Map.entry("GET /webhooks/{id}", ADMIN_ONLY),
            Map.entry("DELETE /webhooks/{id}", ADMIN_ONLY),
            Map.entry("GET /webhooks/{id}/deliveries", ADMIN_ONLY),
            Map.entry("POST /webhooks/{id}/redrive", ADMIN_ONLY),
            Map.entry("GET /notifications/settings", ADMIN_ONLY),
            Map.entry("PUT /notifications/settings", ADMIN_ONLY),
            Map.entry("GET /dev/outbox", ALL));

    static LocalRuntime runtime;
    static Api api;
    static Map<Role, String> owner;
    static String foreign;
    static String export;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
        owner = Map.of(
                Role.ADMIN, api.token("owner", "admin", "admin@owner.test", Role.ADMIN),
                Role.MEMBER, api.token("owner", "member", "member@owner.test", Role.MEMBER),
                Role.AUDITOR, api.token("owner", "auditor", null, Role.AUDITOR));
        foreign = api.token("intruder", "admin-x", null, Role.ADMIN);
        api.json("POST", "/tasks", owner.get(Role.MEMBER), "{'title':'first'}");
        export = api.json("POST", "/audit/exports", owner.get(Role.ADMIN), "{}")
                .json()
                .get("export_id")
                .asText();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** A fresh resource of tenant "owner" for the route's {id}, created by the member (so members may update it). */
    static String resourceId(Route route) {
        if (route.path().startsWith("/audit/exports/")) {
            return export; // one export serves every probe (a tenant may have 2 in progress, 20 an hour)
        }
        if (route.path().startsWith("/webhooks/")) {
            return api.json(
                            "POST",
                            "/webhooks",
                            owner.get(Role.ADMIN),
                            "{'url':'http://127.0.0.1:9/x','event_types':['*']}")
                    .json()
                    .get("webhook_id")
                    .asText();
        }
        return api.json("POST", "/tasks", owner.get(Role.MEMBER), "{'title':'probe'}")
                .json()
                .get("task_id")
                .asText();
    }

    static Api.Response call(Route route, String token, String id) {
        String path = route.path().replace("{id}", id == null ? "x" : id);
        String body =
                switch (route.method()) {
                    case "POST", "PUT", "PATCH" ->
                        switch (route.path()) {
                            case "/audit/exports", "/webhooks/{id}/redrive" -> "{}";
                            case "/webhooks" -> "{'url':'http://127.0.0.1:9/x','event_types':['*']}";
                            case "/notifications/settings" -> "{'notify_on':['ASSIGNED']}";
                            default -> "{'title':'changed'}";
                        };
                    default -> null;
                };
        return body == null
                ? api.send(route.method(), path, token, null, Map.of())
                : api.json(route.method(), path, token, body);
    }

    static void assertNoInternals(Api.Response r) {
        assertThat(r.body()).doesNotContain("Exception", "dev.taskledger", "at java.", "SQLITE", "sqlite");
    }

    @Test
    void the_contracts_table_names_exactly_the_authenticated_routes() {
        assertThat(Routes.ALL.stream()
                        .filter(Route::authenticated)
                        .map(r -> r.method() + " " + r.path())
                        .toList())
                .containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
    }

    @Test
    void every_authenticated_route_answers_each_role_as_the_contract_says() {
        for (Route route : Routes.ALL) {
            if (!route.authenticated()) {
                continue;
            }
            Set<Role> allowed = CONTRACT.get(route.method() + " " + route.path());
            for (Role role : Role.values()) {
                String id = route.path().contains("{id}") ? resourceId(route) : null;
                Api.Response r = call(route, owner.get(role), id);
                assertNoInternals(r);
                if (allowed.contains(role)) {
                    assertThat(r.status())
                            .as("%s as %s: %s", route.routeKey(), role, r.body())
                            .isNotIn(401, 403, 500);
                } else {
                    assertThat(r.status())
                            .as("%s as %s", route.routeKey(), role)
                            .isEqualTo(403);
                    assertThat(r.json().get("type").asText()).endsWith("/forbidden");
                }
            }
        }
    }

    @Test
    void every_authenticated_route_refuses_a_missing_or_forged_token() {
        for (Route route : Routes.ALL) {
            if (!route.authenticated()) {
                continue;
            }
            for (String token : new String[] {null, "not-a-jwt", owner.get(Role.ADMIN) + "tampered"}) {
                Api.Response r = call(route, token, "some-id");
                assertThat(r.status()).as("%s with %s", route.routeKey(), token).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
                assertNoInternals(r);
            }
        }
    }

    @Test
    void another_tenant_cannot_reach_any_resource_by_id() {
        for (Route route : Routes.ALL) {
            if (!route.authenticated() || !route.path().contains("{id}")) {
                continue;
            }
            String id = resourceId(route);
            Api.Response r = call(route, foreign, id);
            assertThat(r.status()).as("%s by another tenant", route.routeKey()).isEqualTo(404);
            assertNoInternals(r);
        }
        assertThat(api.send("GET", "/tasks?limit=100", foreign, null, Map.of())
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.send("GET", "/audit", foreign, null, Map.of()).json().get("items"))
                .isEmpty();
    }
}
