package dev.taskledger.projector.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Role;
import dev.taskledger.events.TaskEvent;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.runtime.DocumentForm;
import dev.taskledger.projector.runtime.Documents;
import dev.taskledger.projector.runtime.Projector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * given(events).then(documents): a projector applied alone to a tenant's events, its documents kept in memory by
 * key suffix (what the runtime would stage and write), so each projector is tested on its own.
 */
final class ProjectorFixture {
    static final Actor ADMIN = new Actor("admin", "admin@example.com", Role.ADMIN);
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.000Z");

    /** The documents, by suffix: what the projector last put there. */
    final Map<String, Object> documents = new TreeMap<>();

    private final Projector projector;
    private final List<EventEnvelope> chain = new ArrayList<>();

    ProjectorFixture(Projector projector) {
        this.projector = projector;
    }

    /** Appends {@code event} to task {@code taskId} (next version, next sequence, a minute later) and applies it. */
    ProjectorFixture given(String taskId, TaskEvent event) {
        long version = chain.stream().filter(e -> e.taskId().equals(taskId)).count() + 1;
        long sequence = chain.size() + 1;
        EventEnvelope envelope = HashChain.seal(new EventEnvelope(
                "event-" + sequence,
                "tenant",
                taskId,
                version,
                sequence,
                T0.plusSeconds(60 * sequence),
                ADMIN,
                "corr",
                event,
                chain.isEmpty() ? HashChain.GENESIS : chain.getLast().hash(),
                ""));
        chain.add(envelope);
        ObjectNode json = EventCodec.toJson(envelope);
        projector.apply(new StoredEvent(envelope, json, json.toString()), new Documents() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Optional<T> get(String suffix, DocumentForm<T> form) {
                return Optional.ofNullable((T) documents.get(suffix));
            }

            @Override
            public void put(String suffix, DocumentForm<?> form, Object document) {
                documents.put(suffix, document);
            }

            @Override
            public void delete(String suffix) {
                documents.remove(suffix);
            }
        });
        return this;
    }
}
