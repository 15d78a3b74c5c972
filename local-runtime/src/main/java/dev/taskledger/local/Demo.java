package dev.taskledger.local;

import dev.taskledger.events.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Seeds the demo tenant through the API itself (the same path a client takes) and prints a token per role with
 * ready-to-paste curl commands. Seeding happens once per data directory.
 */
final class Demo {
    static final String TENANT = "karachi-tech";
    private static final List<String> TASKS = List.of(
            "{\"title\":\"Setup CI/CD pipeline for Lahore office\",\"description\":\"Configure GitHub Actions\","
                    + "\"assigned_to\":\"hassan.malik@company.pk\",\"due_date\":\"2026-02-01\",\"labels\":[\"devops\"]}",
            "{\"title\":\"Rotate database credentials\",\"priority\":\"URGENT\",\"labels\":[\"security\"]}",
            "{\"title\":\"Write onboarding guide\",\"status\":\"IN_PROGRESS\",\"assigned_to\":\"ayesha.khan@company.pk\"}");

    private Demo() {}

    static void seedAndPrint(LocalRuntime runtime, PrintStream out) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + runtime.port();
        if (runtime.devIssuer().isEmpty()) {
            out.println("An external issuer is configured: use its tokens. API at " + base);
            return;
        }
        DevIssuer issuer = runtime.devIssuer().get();
        String admin = issuer.mint(TENANT, "demo-admin", "admin@company.pk", Role.ADMIN, 86_400);
        String member = issuer.mint(TENANT, "demo-hassan", "hassan.malik@company.pk", Role.MEMBER, 86_400);
        String auditor = issuer.mint(TENANT, "demo-auditor", "auditor@company.pk", Role.AUDITOR, 86_400);
        String firstTask = null;
        if (runtime.ledger().head(TENANT).sequence() == 0) {
            HttpClient http = HttpClient.newHttpClient();
            for (String body : TASKS) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/tasks"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "demo-seed-" + TASKS.indexOf(body))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("seeding the demo failed: " + response.body());
                }
                if (firstTask == null) {
                    firstTask = response.headers()
                            .firstValue("Location")
                            .orElseThrow()
                            .substring("/tasks/".length());
                }
            }
            out.printf("Seeded tenant %s with %d tasks.%n", TENANT, TASKS.size());
        } else {
            out.printf(
                    "Tenant %s already has %d ledger events.%n",
                    TENANT, runtime.ledger().head(TENANT).sequence());
        }
        String task = firstTask == null ? "<task_id>" : firstTask;
        out.printf(
                """

                TaskLedger demo is running at %1$s (tenant %2$s). Tokens are valid for 24 hours:

                  export ADMIN=%3$s
                  export MEMBER=%4$s
                  export AUDITOR=%5$s

                Try:
                  curl -s %1$s/health
                  curl -si -X POST %1$s/tasks -H "Authorization: Bearer $MEMBER" -H 'Content-Type: application/json' \\
                       -H 'Idempotency-Key: try-1' -d '{"title":"Review pull request","labels":["review"]}'
                  curl -si -X PATCH %1$s/tasks/%6$s -H "Authorization: Bearer $MEMBER" -H 'Content-Type: application/json' \\
                       -H 'If-Match: "1"' -d '{"status":"IN_PROGRESS"}'
                  curl -si -X DELETE %1$s/tasks/%6$s -H "Authorization: Bearer $ADMIN"
                  curl -si -X POST %1$s/tasks -H "Authorization: Bearer $AUDITOR" -H 'Content-Type: application/json' -d '{"title":"x"}'
                  curl -s %1$s/audit/verify -H "Authorization: Bearer $AUDITOR"
                  curl -s %1$s/dev/outbox -H "Authorization: Bearer $MEMBER"      # assignment notifications
                  curl -s %1$s/dev/metrics                                          # the metrics CloudWatch gets in AWS

                Webhooks: see the README's webhook walkthrough. Every request is also one JSON log line on stdout.
                Mint other tokens with POST %1$s/dev/tokens. Stop with Ctrl-C.
                """,
                base, TENANT, admin, member, auditor, task);
        out.flush();
    }
}
