package dev.taskledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sample events for tests of any module: a sealed chain created → updated → deleted. */
public final class EventSamples {
    public static final Actor ADMIN = new Actor("user-admin-1", "admin@example.com", Role.ADMIN);
    public static final TaskFields FIELDS = new TaskFields(
            "Setup CI/CD pipeline for Lahore office",
            "Configure GitHub Actions",
            Status.OPEN,
            Priority.MEDIUM,
            "hassan.malik@company.pk",
            LocalDate.parse("2026-02-01"),
            List.of("devops"));

    private EventSamples() {}

    /** Three chained events of one task in tenant {@code tenant}, starting at sequence 1. */
    public static List<EventEnvelope> chain(String tenant) {
        String task = "0191a7c2-7f3e-7b6a-9c1d-2e4f6a8b0c1d";
        List<TaskEvent> events = List.of(
                new TaskCreated(FIELDS),
                new TaskUpdated(Map.of(
                        TaskField.STATUS, new TaskUpdated.Change(Status.OPEN, Status.IN_PROGRESS),
                        TaskField.LABELS, new TaskUpdated.Change(List.of("devops"), List.of("devops", "ci")))),
                new TaskDeleted());
        List<EventEnvelope> result = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope sealed = HashChain.seal(new EventEnvelope(
                    "0191a7c2-0000-7000-8000-00000000000" + (i + 1),
                    tenant,
                    task,
                    i + 1,
                    i + 1,
                    Instant.parse("2026-01-15T10:30:0" + i + ".123Z"),
                    ADMIN,
                    "req-" + (i + 1),
                    events.get(i),
                    prev,
                    ""));
            result.add(sealed);
            prev = sealed.hash();
        }
        return result;
    }
}
