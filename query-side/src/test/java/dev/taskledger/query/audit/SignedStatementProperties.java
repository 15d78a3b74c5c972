package dev.taskledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever an auditor asks for (digests at any moment, exports of any range, reversed and beyond the head
 * included), every statement the ledger key signs names a sequence of the ledger and the hash the ledger holds
 * there. Requests are driven straight at {@link Digests} and {@link Exports}, below the HTTP checks, so that the
 * guarantee is the signer's own and not the request validation's.
 */
class SignedStatementProperties {
    static SqliteTable table;
    static Ledger ledger;
    static TaskCommandService service;
    static LocalDigestSigner key;
    static final AtomicInteger RUN = new AtomicInteger();

    /** Records every payload the key signs. */
    static final class RecordingSigner implements DigestSigner {
        final List<String> payloads = new ArrayList<>();

        @Override
        public synchronized String sign(String payloadJson) {
            payloads.add(payloadJson);
            return key.sign(payloadJson);
        }

        @Override
        public List<JWK> publicKeys() {
            return key.publicKeys();
        }
    }

    /** Keeps bundles in memory. */
    static final class MemoryStore implements ObjectStore {
        @Override
        public void put(String objectKey, Writer writer) throws java.io.IOException {
            writer.writeTo(new ByteArrayOutputStream());
        }

        @Override
        public void delete(String objectKey) {}

        @Override
        public URI presignedGet(String objectKey, Duration ttl) {
            return URI.create("http://127.0.0.1/" + objectKey);
        }
    }

    @BeforeContainer
    static void open() throws Exception {
        table = SqliteTable.open(
                Files.createTempDirectory("signed").resolve("s.db"), SqliteTable.Durability.NORMAL, Clock.systemUTC());
        ledger = new Ledger(table, Clock.systemUTC());
        service = new TaskCommandService(ledger);
        key = new LocalDigestSigner(new ECKeyGenerator(Curve.P_256).keyID("k").generate(), List.of());
    }

    @AfterContainer
    static void close() {
        table.close();
    }

    sealed interface Step {}

    record Append(int events) implements Step {}

    record Digest() implements Step {}

    record Export(long from, long to) implements Step {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> sequence = Arbitraries.oneOf(
                Arbitraries.longs().between(-2, 12), Arbitraries.of(0L, 1L, 1_000L, Long.MAX_VALUE, Long.MIN_VALUE));
        Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 4).map(Append::new),
                Arbitraries.just(new Digest()),
                net.jqwik.api.Combinators.combine(sequence, sequence).as(Export::new));
        return step.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 60)
    void every_signed_statement_names_the_ledgers_hash_at_its_sequence(@ForAll("steps") List<Step> steps)
            throws Exception {
        String tenant = "signed-" + RUN.incrementAndGet();
        RecordingSigner signer = new RecordingSigner();
        Digests digests = new Digests(ledger, signer, Clock.systemUTC());
        Exports exports = new Exports(ledger, digests, signer, new MemoryStore(), Clock.systemUTC());
        int exportNumber = 0;
        for (Step step : steps) {
            switch (step) {
                case Append append -> {
                    for (int i = 0; i < append.events(); i++) {
                        create(tenant);
                    }
                }
                case Digest digest -> digests.current(tenant);
                case Export export -> {
                    String id = "export-" + ++exportNumber;
                    exports.request(tenant, id, export.from(), export.to());
                    exports.run(tenant, id);
                }
            }
        }
        for (String payload : signer.payloads) {
            JsonNode statement = EventCodec.MAPPER.readTree(payload);
            long sequence = statement.get("sequence").asLong();
            assertThat(statement.get("tenant_id").asText()).isEqualTo(tenant);
            assertThat(sequence).isBetween(0L, ledger.head(tenant).sequence());
            String expected = sequence == 0
                    ? HashChain.GENESIS
                    : ledger.events(tenant, sequence, sequence, 1)
                            .getFirst()
                            .envelope()
                            .hash();
            assertThat(statement.get("hash").asText()).as(payload).isEqualTo(expected);
        }
        for (var d : digests.list(tenant, 0, 100)) {
            assertThat(JWSObject.parse(d.jws()).getPayload().toString()).isIn(signer.payloads);
        }
    }

    static void create(String tenant) throws Exception {
        service.handle(
                tenant,
                TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"t\"}"))
                        .get(),
                new CommandContext(
                        new Actor("u", null, Role.ADMIN),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        "task-" + System.nanoTime(),
                        "c"),
                Optional.empty());
    }
}
