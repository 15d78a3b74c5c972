package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.http.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictCacheTest {
    @Test
    void a_verdict_is_served_within_the_ttl_while_its_token_is_valid() {
        VerdictCache cache = new VerdictCache(Duration.ofSeconds(60), 10);
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        cache.put("Bearer a", Map.of(Principal.TENANT_ID, "t", Principal.EXPIRES_AT, Long.toString(exp)));
        assertThat(cache.get("Bearer a")).containsEntry(Principal.TENANT_ID, "t");
    }

    @Test
    void a_verdict_is_never_served_past_its_tokens_expiry_even_within_the_ttl() {
        VerdictCache cache = new VerdictCache(Duration.ofSeconds(60), 10);
        long exp = Instant.now().minusSeconds(1).getEpochSecond();
        cache.put("Bearer b", Map.of(Principal.TENANT_ID, "t", Principal.EXPIRES_AT, Long.toString(exp)));
        assertThat(cache.get("Bearer b")).isNull();
        cache.put("Bearer c", Map.of(Principal.TENANT_ID, "t", Principal.EXPIRES_AT, "not-a-number"));
        assertThat(cache.get("Bearer c")).isNull();
    }
}
