package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-tenant token buckets: 429 with Retry-After past the burst, RateLimit-* headers, tenants apart. */
class RateLimitIT {
    @TempDir
    Path dataDir;

    @Test
    void a_tenant_over_its_burst_gets_429_while_another_tenant_is_served() throws Exception {
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(1, 5))) {
            Api api = new Api(runtime.port());
            String noisy = api.token("noisy", "n", null, Role.ADMIN);
            String quiet = api.token("quiet", "q", null, Role.ADMIN);

            Api.Response first = api.json("POST", "/tasks", noisy, "{'title':'1'}");
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(first.header("RateLimit-Remaining")).isEqualTo("4");
            assertThat(first.header("RateLimit-Reset")).isNotBlank();
            for (int i = 0; i < 4; i++) {
                api.send("GET", "/tasks", noisy, null, Map.of());
            }
            Api.Response limited = api.json("POST", "/tasks", noisy, "{'title':'too many'}");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("type").asText()).endsWith("/rate-limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(runtime.ledger().head("noisy").sequence()).isEqualTo(1);

            assertThat(api.json("POST", "/tasks", quiet, "{'title':'fine'}").status())
                    .isEqualTo(201);
            assertThat(api.send("GET", "/health", null, null, Map.of()).header("RateLimit-Limit"))
                    .isNull();
        }
    }
}
