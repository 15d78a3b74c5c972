package dev.taskledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.EventSamples;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Role;
import dev.taskledger.events.SchemaAssertions;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskEvent;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.table.Condition;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The ledger's behaviour, run on every table adapter. */
public abstract class LedgerContract {
    static final Actor ACTOR = new Actor("sub-1", "a@example.com", Role.ADMIN);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.000Z");

    protected abstract Table table();

    protected Ledger ledger;
    protected String tenant;

    @BeforeEach
    void fresh() {
        ledger = new Ledger(table(), Clock.fixed(NOW, ZoneOffset.UTC));
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 18);
    }

    static PendingEvent pending(TaskEvent event) {
        return new PendingEvent(UUID.randomUUID().toString(), event, NOW, ACTOR, "corr-1");
    }

    static TaskEvent created() {
        return new TaskCreated(EventSamples.FIELDS);
    }

    static TaskEvent updated(Status from, Status to) {
        return new TaskUpdated(Map.of(TaskField.STATUS, new TaskUpdated.Change(from, to)));
    }

    AppendOutcome append(String task, long expected, TaskEvent... events) {
        return ledger.append(new AppendRequest(
                tenant,
                task,
                expected,
                List.of(events).stream().map(LedgerContract::pending).toList(),
                "{\"v\":" + (expected + events.length) + "}",
                Optional.empty()));
    }

    EventEnvelope appended(String task, long expected, TaskEvent... events) {
        AppendOutcome outcome = append(task, expected, events);
        assertThat(outcome).isInstanceOf(AppendOutcome.Appended.class);
        List<EventEnvelope> sealed = ((AppendOutcome.Appended) outcome).events();
        SchemaAssertions.assertAllConform(sealed);
        return sealed.getLast();
    }

    @Nested
    class Appending {
        @Test
        void the_first_event_of_a_tenant_has_sequence_one_and_the_genesis_prev_hash() {
            EventEnvelope first = appended("task-a", 0, created());

            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.taskVersion()).isEqualTo(1);
            assertThat(first.prevHash()).isEqualTo(HashChain.GENESIS);
            assertThat(first.hash()).isEqualTo(HashChain.computeHash(first));
            assertThat(ledger.head(tenant)).isEqualTo(new LedgerHead(1, first.hash()));
        }

        @Test
        void events_chain_across_tasks_with_gapless_sequences_and_per_task_versions() {
            EventEnvelope a1 = appended("task-a", 0, created());
            EventEnvelope b1 = appended("task-b", 0, created());
            EventEnvelope a2 = appended("task-a", 1, updated(Status.OPEN, Status.DONE));

            assertThat(List.of(a1.sequence(), b1.sequence(), a2.sequence())).containsExactly(1L, 2L, 3L);
            assertThat(List.of(a1.taskVersion(), b1.taskVersion(), a2.taskVersion()))
                    .containsExactly(1L, 1L, 2L);
            assertThat(b1.prevHash()).isEqualTo(a1.hash());
            assertThat(a2.prevHash()).isEqualTo(b1.hash());
        }

        @Test
        void several_events_in_one_append_take_consecutive_sequences_and_versions() {
            EventEnvelope last = appended("task-a", 0, created(), updated(Status.OPEN, Status.DONE), new TaskDeleted());
            assertThat(last.sequence()).isEqualTo(3);
            assertThat(last.taskVersion()).isEqualTo(3);
            assertThat(ledger.history(tenant, "task-a"))
                    .extracting(EventEnvelope::taskVersion)
                    .containsExactly(1L, 2L, 3L);
        }

        @Test
        void the_write_state_is_stored_with_the_events() {
            appended("task-a", 0, created());
            appended("task-a", 1, updated(Status.OPEN, Status.DONE));

            assertThat(ledger.taskState(tenant, "task-a")).contains(new TaskWriteState("task-a", 2, 2, "{\"v\":2}"));
        }

        @Test
        void a_stale_expected_version_is_a_version_mismatch_and_writes_nothing() {
            appended("task-a", 0, created());
            appended("task-a", 1, updated(Status.OPEN, Status.DONE));

            assertThat(append("task-a", 1, updated(Status.DONE, Status.OPEN)))
                    .isEqualTo(new AppendOutcome.VersionMismatch(2));
            assertThat(append("task-a", 0, created())).isEqualTo(new AppendOutcome.VersionMismatch(2));
            assertThat(ledger.head(tenant).sequence()).isEqualTo(2);
        }

        @Test
        void following_a_version_of_a_task_that_does_not_exist_is_not_found() {
            assertThat(append("ghost", 3, updated(Status.OPEN, Status.DONE)))
                    .isInstanceOf(AppendOutcome.NotFound.class);
            assertThat(ledger.head(tenant)).isEqualTo(LedgerHead.EMPTY);
        }

        @Test
        void tenants_have_separate_ledgers() {
            appended("task-a", 0, created());
            String first = tenant;
            tenant = first + "-b";
            EventEnvelope other = appended("task-a", 0, created());

            assertThat(other.sequence()).isEqualTo(1);
            assertThat(ledger.head(first).sequence()).isEqualTo(1);
        }
    }

    /** Strings of up to 6 UTF-16 units drawn from ASCII, other BMP text, lone halves and pairs of surrogates. */
    static List<String> arbitraryTexts(long seed, int count) {
        java.util.Random random = new java.util.Random(seed);
        char[] pool = {'a', 'Z', '?', '\u00e9', '\u212a', '\u4e2d', '\ufffd', '\ud800', '\udbff', '\udc00', '\udfff'};
        List<String> texts = new java.util.ArrayList<>(List.of("", "\ud83d\ude00", "\ud800", "x\udc00", "\ud83d"));
        while (texts.size() < count) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(7);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(4) == 0) {
                    text.append("\ud83d\ude00"); // a well-formed pair
                } else {
                    text.append(pool[random.nextInt(pool.length)]);
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    @Nested
    class Text {
        @Test
        void any_text_is_either_refused_whole_or_stored_exactly_and_verifies() {
            for (String text : arbitraryTexts(20261205L, 60)) {
                long before = ledger.head(tenant).sequence();
                TaskEvent event = new TaskCreated(new dev.taskledger.events.TaskFields(
                        "t" + text, text, Status.OPEN, dev.taskledger.events.Priority.LOW, null, null, List.of()));
                PendingEvent pending = new PendingEvent(
                        UUID.randomUUID().toString(), event, NOW, new Actor("u" + text, null, Role.ADMIN), "c");
                AppendRequest request =
                        new AppendRequest(tenant, "task-" + before, 0, List.of(pending), "{}", Optional.empty());
                if (dev.taskledger.table.WellFormedText.isWellFormed(text)) {
                    EventEnvelope sealed = ((AppendOutcome.Appended) ledger.append(request))
                            .events()
                            .getFirst();
                    StoredEvent stored = ledger.events(tenant, sealed.sequence(), sealed.sequence(), 1)
                            .getFirst();
                    assertThat(stored.envelope().actor().userId()).isEqualTo("u" + text);
                    assertThat(stored.envelope().hash()).isEqualTo(sealed.hash());
                } else {
                    assertThatThrownBy(() -> ledger.append(request))
                            .as(
                                    "text %s",
                                    text.chars().mapToObj(Integer::toHexString).toList())
                            .isInstanceOf(dev.taskledger.table.WellFormedText.MalformedTextException.class);
                    assertThat(ledger.head(tenant).sequence()).isEqualTo(before);
                }
            }
            assertThat(ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE).verified())
                    .isTrue();
        }
    }

    @Nested
    class Idempotency {
        AppendOutcome appendWithKey(String task, String key, String fingerprint) {
            return ledger.append(new AppendRequest(
                    tenant,
                    task,
                    0,
                    List.of(pending(created())),
                    "{}",
                    Optional.of(new AppendRequest.IdempotencyWrite(
                            key,
                            fingerprint,
                            a -> "{\"sequence\":" + a.last().sequence() + "}",
                            NOW.plusSeconds(86_400)))));
        }

        @Test
        void the_record_is_written_with_the_event_and_holds_the_response() {
            appendWithKey("task-a", "key-1", "fp-1");

            IdempotencyRecord record = ledger.idempotency(tenant, "key-1").orElseThrow();
            assertThat(record.fingerprint()).isEqualTo("fp-1");
            assertThat(record.response()).isEqualTo("{\"sequence\":1}");
            assertThat(record.sequence()).isEqualTo(1);
            assertThat(record.expiresAt()).isEqualTo(NOW.plusSeconds(86_400));
        }

        @Test
        void a_second_append_with_the_key_returns_the_first_record_and_appends_nothing() {
            appendWithKey("task-a", "key-1", "fp-1");

            AppendOutcome second = appendWithKey("task-b", "key-1", "fp-2");

            assertThat(second).isInstanceOfSatisfying(AppendOutcome.IdempotencyKeyTaken.class, t -> assertThat(
                            t.existing().fingerprint())
                    .isEqualTo("fp-1"));
            assertThat(ledger.head(tenant).sequence()).isEqualTo(1);
            assertThat(ledger.taskState(tenant, "task-b")).isEmpty();
        }

        @Test
        void an_expired_record_reads_as_absent_and_is_replaced() {
            table().put(
                            Item.of(Keys.idempotency(tenant, "old"))
                                    .with(Ledger.FINGERPRINT, "fp-old")
                                    .with(Ledger.RESPONSE, "{}")
                                    .with(Ledger.SEQUENCE, 0)
                                    .with(Ledger.EXPIRES_AT, NOW.minusSeconds(1).getEpochSecond())
                                    .build(),
                            Condition.NONE);
            assertThat(ledger.idempotency(tenant, "old")).isEmpty();

            assertThat(appendWithKey("task-a", "old", "fp-new")).isInstanceOf(AppendOutcome.Appended.class);
            assertThat(ledger.idempotency(tenant, "old").orElseThrow().fingerprint())
                    .isEqualTo("fp-new");
        }
    }

    @Nested
    class Reading {
        @Test
        void events_are_read_by_sequence_range_in_order() {
            for (int i = 0; i < 5; i++) {
                appended("task-" + i, 0, created());
            }
            assertThat(ledger.events(tenant, 2, 4, 100))
                    .extracting(e -> e.envelope().sequence())
                    .containsExactly(2L, 3L, 4L);
            assertThat(ledger.events(tenant, 4, 99, 1))
                    .extracting(e -> e.envelope().sequence())
                    .containsExactly(4L);
        }

        @Test
        void a_tasks_history_is_in_version_order_and_includes_its_deletion() {
            appended("task-a", 0, created());
            appended("task-b", 0, created());
            appended("task-a", 1, updated(Status.OPEN, Status.DONE));
            appended("task-a", 2, new TaskDeleted());

            assertThat(ledger.history(tenant, "task-a"))
                    .extracting(EventEnvelope::eventType)
                    .containsExactly("TaskCreated", "TaskUpdated", "TaskDeleted");
        }

        @Test
        void a_stored_row_that_cannot_be_decoded_is_a_typed_error_naming_its_key() {
            appended("task-a", 0, created());
            table().transactWrite(List.of(new WriteOp.Update(
                    Keys.event(tenant, 1),
                    Map.of(Ledger.EVENT, dev.taskledger.table.Attr.s("{not json")),
                    Condition.EXISTS)));

            assertThatThrownBy(() -> ledger.events(tenant, 1, 1, 10))
                    .isInstanceOf(CorruptItemException.class)
                    .hasMessageContaining(Keys.event(tenant, 1).sk());
        }
    }

    @Nested
    class Verification {
        @Test
        void an_untouched_ledger_verifies() {
            appended("task-a", 0, created());
            EventEnvelope last = appended("task-a", 1, updated(Status.OPEN, Status.DONE));

            ChainVerifier.Report report = ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE);
            assertThat(report.verified()).isTrue();
            assertThat(report.checked()).isEqualTo(2);
            assertThat(report.headHash()).isEqualTo(last.hash());
        }

        @Test
        void an_empty_ledger_verifies_with_the_genesis_hash() {
            ChainVerifier.Report report = ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE);
            assertThat(report).isEqualTo(new ChainVerifier.Report(true, 0, null, null, HashChain.GENESIS, null));
        }

        @Test
        void an_edited_event_breaks_the_chain_at_its_sequence() {
            appended("task-a", 0, created());
            EventEnvelope second = appended("task-b", 0, created());
            appended("task-c", 0, created());
            ObjectNode edited = EventCodec.toJson(second);
            edited.put("correlation_id", "rewritten");
            table().transactWrite(List.of(new WriteOp.Update(
                    Keys.event(tenant, 2),
                    Map.of(Ledger.EVENT, dev.taskledger.table.Attr.s(edited.toString())),
                    Condition.EXISTS)));

            ChainVerifier.Report report = ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE);
            assertThat(report.verified()).isFalse();
            assertThat(report.failure().sequence()).isEqualTo(2);
        }

        @Test
        void a_removed_event_breaks_the_chain_where_it_is_missing() {
            appended("task-a", 0, created());
            appended("task-b", 0, created());
            appended("task-c", 0, created());
            table().transactWrite(List.of(new WriteOp.Delete(Keys.event(tenant, 2), Condition.EXISTS)));

            ChainVerifier.Report report = ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE);
            assertThat(report.verified()).isFalse();
            assertThat(report.failure().sequence()).isEqualTo(2);
        }
    }
}
