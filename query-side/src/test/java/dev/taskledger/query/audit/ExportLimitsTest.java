package dev.taskledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportLimitsTest {
    @TempDir
    Path dir;

    SqliteTable table;
    Exports exports;

    @BeforeEach
    void open() throws Exception {
        table = SqliteTable.open(dir.resolve("e.db"), SqliteTable.Durability.NORMAL, Clock.systemUTC());
        Ledger ledger = new Ledger(table, Clock.systemUTC());
        LocalDigestSigner key =
                new LocalDigestSigner(new ECKeyGenerator(Curve.P_256).keyID("k").generate(), List.of());
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:15:00.000Z"), ZoneOffset.UTC);
        exports = new Exports(
                ledger, new Digests(ledger, key, clock), key, new SignedStatementProperties.MemoryStore(), clock);
    }

    @AfterEach
    void close() {
        table.close();
    }

    @Test
    void at_most_two_exports_of_a_tenant_are_in_progress_exactly_under_concurrent_requests() throws Exception {
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                String id = "e" + i;
                answers.add(pool.submit(() -> exports.request("busy", id, 1, 5)));
            }
        }
        long accepted = 0;
        for (Future<Boolean> answer : answers) {
            accepted += answer.get() ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(Exports.MAX_ACTIVE_PER_TENANT);
        assertThat(exports.request("other-tenant", "x", 1, 5)).isTrue();
    }

    @Test
    void a_finished_export_frees_its_place_and_the_hourly_budget_still_ends_at_twenty() {
        int accepted = 0;
        for (int i = 0; i < 30; i++) {
            if (exports.request("hourly", "h" + i, 1, 5)) {
                accepted++;
                exports.run("hourly", "h" + i); // an empty ledger: FAILED, and its place is freed
            }
        }
        assertThat(accepted).isEqualTo(Exports.MAX_PER_HOUR);
        assertThat(exports.find("hourly", "h0").orElseThrow().number(Keys.TTL_ATTRIBUTE))
                .isEqualTo(Instant.parse("2026-12-05T10:15:00.000Z")
                        .plus(Exports.RETENTION)
                        .getEpochSecond());
    }
}
