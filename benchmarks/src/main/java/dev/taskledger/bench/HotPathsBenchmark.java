package dev.taskledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.taskledger.command.auth.AuthResult;
import dev.taskledger.command.auth.AuthSettings;
import dev.taskledger.command.auth.JwtAuthenticator;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.Rejection;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.command.domain.TaskDecider;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.EventMeta;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Priority;
import dev.taskledger.events.Role;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskEvent;
import dev.taskledger.events.TaskFields;
import dev.taskledger.projector.route.EventRoutes;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.event.ruler.Machine;

/**
 * The hot paths, one JMH benchmark each: decide + evolve of an update, the hash of an envelope (RFC 8785 + SHA-256),
 * the codec both ways, event-ruler matching an event against the shared routes, and JWT verification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HotPathsBenchmark {
    TaskState live;
    TaskCommand update;
    CommandContext context;
    EventEnvelope envelope;
    ObjectNode envelopeJson;
    String envelopeText;
    String busEvent;
    Machine machine;
    JwtAuthenticator authenticator;
    String bearer;

    @Setup
    public void setUp() throws Exception {
        Actor actor = new Actor("u-1", "u1@bench.dev", Role.ADMIN);
        Instant now = Instant.parse("2026-11-26T10:00:00.000Z");
        TaskFields fields = new TaskFields(
                "Benchmark task", "a description", Status.OPEN, Priority.MEDIUM, "m@bench.dev", null, List.of("bench"));
        live = TaskDecider.evolve(TaskState.ABSENT, new TaskCreated(fields), new EventMeta("task-1", 1, now, actor));
        update = TaskRequests.update(
                        "task-1",
                        EventCodec.MAPPER.readTree("{\"status\":\"DONE\",\"priority\":\"HIGH\"}"),
                        Precondition.NONE)
                .get();
        context = new CommandContext(actor, now, "unused", "corr");
        envelope = HashChain.seal(new EventEnvelope(
                "0191a7c2-8c9e-7b3d-a1f2-3e4d5c6b7a89",
                "bench-tenant",
                "task-1",
                1,
                1,
                now,
                actor,
                "corr",
                new TaskCreated(fields),
                HashChain.GENESIS,
                HashChain.GENESIS));
        envelopeJson = EventCodec.toJson(envelope);
        envelopeText = EventCodec.toJsonString(envelope);
        ObjectNode event = EventCodec.MAPPER
                .createObjectNode()
                .put("source", EventRoutes.SOURCE)
                .put("detail-type", "TaskCreated");
        event.set("detail", envelopeJson);
        busEvent = event.toString();
        machine = new Machine();
        for (var route : EventRoutes.ALL) {
            machine.addRule(route.ruleName(), route.pattern());
        }
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        authenticator = new JwtAuthenticator(
                new AuthSettings("https://issuer.bench", "aud", new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(),
                new JWTClaimsSet.Builder()
                        .issuer("https://issuer.bench")
                        .audience("aud")
                        .subject("u-1")
                        .claim("custom:tenant_id", "bench-tenant")
                        .claim("cognito:groups", List.of("ADMIN"))
                        .expirationTime(Date.from(Instant.now().plusSeconds(86_400)))
                        .build());
        jwt.sign(new RSASSASigner(key));
        bearer = "Bearer " + jwt.serialize();
    }

    @Benchmark
    public TaskState decideAndEvolve() {
        Either<Rejection, List<TaskEvent>> events = TaskDecider.decide(update, live, context);
        TaskState state = live;
        for (TaskEvent event : events.get()) {
            state = TaskDecider.evolve(state, event, new EventMeta("task-1", 2, context.now(), context.actor()));
        }
        return state;
    }

    @Benchmark
    public String canonicalJsonAndSha256() {
        return HashChain.computeHash(envelope);
    }

    @Benchmark
    public String encodeEnvelope() {
        return EventCodec.toJsonString(envelope);
    }

    @Benchmark
    public EventEnvelope decodeEnvelope() {
        return EventCodec.fromJsonString(envelopeText);
    }

    @Benchmark
    public List<String> eventRulerMatch() throws Exception {
        return machine.rulesForJSONEvent(busEvent);
    }

    @Benchmark
    public AuthResult jwtVerify() {
        return authenticator.authenticate(bearer);
    }
}
