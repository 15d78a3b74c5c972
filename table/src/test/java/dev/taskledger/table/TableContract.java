package dev.taskledger.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of the table port: every adapter runs it through a five-line subclass.
 *
 * <p>Deliberately not asserted: whether a put that changes nothing emits a change record (DynamoDB does not;
 * emulators differ), the exact byte size reported by change records, record order across different keys, and
 * whether a full last page carries a last evaluated key (adapters may return one; paging must still end),
 * sub-second precision of {@code approximateCreationDateTime} (DynamoDB rounds down to the second; moto 5.2.5
 * does not), and how many records an update that creates an item emits (DynamoDB: one INSERT; moto 5.2.5: an
 * INSERT of the bare key and a MODIFY).
 */
public abstract class TableContract {
    protected abstract Table table();

    protected abstract ChangeStream changes();

    protected String pk;

    @BeforeEach
    void freshPartition() {
        pk = "TENANT#contract-" + UUID.randomUUID();
    }

    protected Key key(String sk) {
        return new Key(pk, sk);
    }

    protected Item item(String sk, long version) {
        return Item.of(key(sk))
                .with("version", version)
                .with("body", "v" + version)
                .build();
    }

    protected List<ChangeRecord> recordsOf(Key key) {
        return records(r -> r.key().equals(key));
    }

    protected List<ChangeRecord> recordsOfPartition() {
        return records(r -> r.key().pk().equals(pk));
    }

    private List<ChangeRecord> records(java.util.function.Predicate<ChangeRecord> which) {
        List<ChangeRecord> result = new ArrayList<>();
        String after = null;
        while (true) {
            List<ChangeRecord> batch = changes().read(after, 500);
            if (batch.isEmpty()) {
                return result;
            }
            batch.stream().filter(which).forEach(result::add);
            after = batch.getLast().sequenceNumber();
        }
    }

    @Nested
    class Text {
        @Test
        void strings_with_unpaired_surrogates_are_refused_whole_and_every_other_string_round_trips_exactly() {
            java.util.Random random = new java.util.Random(7);
            char[] pool = {'a', '\u00e9', '\u212a', '\ufffd', '\ud800', '\udbff', '\udc00', '\udfff', '\u0000'};
            for (int n = 0; n < 80; n++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(6); i > 0; i--) {
                    text.append(
                            random.nextInt(3) == 0
                                    ? "\ud83d\ude00"
                                    : String.valueOf(pool[random.nextInt(pool.length)]));
                }
                String value = text.toString();
                Item item = Item.of(key("T" + n))
                        .with("text", "v" + value)
                        .with("list", new Attr.L(List.of(Attr.s("w" + value))))
                        .build();
                if (WellFormedText.isWellFormed(value)) {
                    table().put(item, Condition.NONE);
                    assertThat(table().get(key("T" + n))).contains(item);
                } else {
                    assertThatThrownBy(() -> table().put(item, Condition.NONE))
                            .isInstanceOf(WellFormedText.MalformedTextException.class);
                    assertThatThrownBy(() -> table().writeBatch(List.of(new WriteOp.Put(item, Condition.NONE))))
                            .isInstanceOf(WellFormedText.MalformedTextException.class);
                    assertThat(table().get(key("T" + n))).isEmpty();
                }
            }
        }
    }

    @Nested
    class Conditions {
        @Test
        void put_if_not_exists_creates_an_absent_item() {
            table().put(item("A", 1), Condition.NOT_EXISTS);
            assertThat(table().get(key("A"))).contains(item("A", 1));
        }

        @Test
        void put_if_not_exists_on_an_existing_item_fails_naming_it_and_changes_nothing() {
            table().put(item("A", 1), Condition.NOT_EXISTS);

            assertThatThrownBy(() -> table().put(item("A", 2), Condition.NOT_EXISTS))
                    .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.failures())
                            .containsExactly(new ConditionFailedException.Failure(0, key("A"), Condition.NOT_EXISTS)));
            assertThat(table().get(key("A"))).contains(item("A", 1));
        }

        @Test
        void put_if_exists_on_an_absent_item_fails() {
            assertThatThrownBy(() -> table().put(item("A", 1), Condition.EXISTS))
                    .isInstanceOf(ConditionFailedException.class);
            assertThat(table().get(key("A"))).isEmpty();
        }

        @Test
        void put_if_exists_replaces_an_existing_item_whole() {
            table().put(Item.of(key("A")).with("extra", "x").build(), Condition.NONE);
            table().put(item("A", 2), Condition.EXISTS);
            assertThat(table().get(key("A"))).contains(item("A", 2));
        }

        @Test
        void put_if_version_equals_succeeds_when_it_does() {
            table().put(item("A", 1), Condition.NOT_EXISTS);
            table().put(item("A", 2), Condition.equals("version", Attr.n(1)));
            assertThat(table().get(key("A")).orElseThrow().number("version")).isEqualTo(2);
        }

        @Test
        void put_if_version_equals_fails_on_a_stale_version() {
            table().put(item("A", 2), Condition.NOT_EXISTS);
            assertThatThrownBy(() -> table().put(item("A", 3), Condition.equals("version", Attr.n(1))))
                    .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.failedOn(key("A")))
                            .isTrue());
            assertThat(table().get(key("A")).orElseThrow().number("version")).isEqualTo(2);
        }

        @Test
        void an_equals_condition_fails_on_an_absent_item_or_a_missing_attribute() {
            assertThatThrownBy(() -> table().put(item("A", 1), Condition.equals("version", Attr.n(0))))
                    .isInstanceOf(ConditionFailedException.class);
            table().put(Item.of(key("B")).with("other", 1).build(), Condition.NONE);
            assertThatThrownBy(() -> table().put(item("B", 1), Condition.equals("version", Attr.n(1))))
                    .isInstanceOf(ConditionFailedException.class);
        }

        @Test
        void an_equals_condition_compares_strings_too() {
            table().put(Item.of(key("A")).with("hash", "abc").build(), Condition.NONE);
            table().transactWrite(List.of(new WriteOp.Update(
                    key("A"), Map.of("hash", Attr.s("def")), Condition.equals("hash", Attr.s("abc")))));
            assertThat(table().get(key("A")).orElseThrow().string("hash")).isEqualTo("def");
        }

        @Test
        void update_creates_an_absent_item_and_merges_into_an_existing_one() {
            table().transactWrite(List.of(new WriteOp.Update(key("A"), Map.of("a", Attr.s("1")), Condition.NONE)));
            table().transactWrite(List.of(new WriteOp.Update(key("A"), Map.of("b", Attr.n(2)), Condition.EXISTS)));

            Item stored = table().get(key("A")).orElseThrow();
            assertThat(stored.string("a")).isEqualTo("1");
            assertThat(stored.number("b")).isEqualTo(2);
        }

        @Test
        void delete_removes_an_item_and_a_conditional_delete_of_an_absent_item_fails() {
            table().put(item("A", 1), Condition.NONE);
            table().transactWrite(List.of(new WriteOp.Delete(key("A"), Condition.EXISTS)));
            assertThat(table().get(key("A"))).isEmpty();
            assertThatThrownBy(() -> table().transactWrite(List.of(new WriteOp.Delete(key("A"), Condition.EXISTS))))
                    .isInstanceOf(ConditionFailedException.class);
        }

        @Test
        void a_failed_check_cancels_the_transaction_without_writing() {
            assertThatThrownBy(() -> table().transactWrite(List.of(
                            new WriteOp.Put(item("A", 1), Condition.NONE),
                            new WriteOp.Check(key("guard"), Condition.EXISTS))))
                    .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.failures())
                            .extracting(ConditionFailedException.Failure::index)
                            .containsExactly(1));
            assertThat(table().get(key("A"))).isEmpty();
        }
    }

    @Nested
    class Transactions {
        @Test
        void a_transaction_writes_all_its_items() {
            table().transactWrite(List.of(
                    new WriteOp.Put(item("A", 1), Condition.NOT_EXISTS),
                    new WriteOp.Put(item("B", 1), Condition.NOT_EXISTS),
                    new WriteOp.Put(item("C", 1), Condition.NONE)));

            assertThat(table().get(key("A"))).isPresent();
            assertThat(table().get(key("B"))).isPresent();
            assertThat(table().get(key("C"))).isPresent();
            assertThat(recordsOfPartition()).extracting(r -> r.key().sk()).containsExactlyInAnyOrder("A", "B", "C");
        }

        @Test
        void one_failed_condition_writes_nothing_and_emits_no_change_record() {
            table().put(item("B", 1), Condition.NONE);
            int before = recordsOfPartition().size();

            assertThatThrownBy(() -> table().transactWrite(List.of(
                            new WriteOp.Put(item("A", 1), Condition.NOT_EXISTS),
                            new WriteOp.Put(item("B", 2), Condition.NOT_EXISTS),
                            new WriteOp.Update(key("C"), Map.of("x", Attr.n(1)), Condition.NONE))))
                    .isInstanceOf(ConditionFailedException.class);

            assertThat(table().get(key("A"))).isEmpty();
            assertThat(table().get(key("C"))).isEmpty();
            assertThat(table().get(key("B"))).contains(item("B", 1));
            assertThat(recordsOfPartition()).hasSize(before);
        }

        @Test
        void every_failed_condition_is_reported_by_index() {
            table().put(item("A", 1), Condition.NONE);
            table().put(item("C", 1), Condition.NONE);

            assertThatThrownBy(() -> table().transactWrite(List.of(
                            new WriteOp.Put(item("A", 2), Condition.NOT_EXISTS),
                            new WriteOp.Put(item("B", 1), Condition.NOT_EXISTS),
                            new WriteOp.Put(item("C", 2), Condition.equals("version", Attr.n(9))))))
                    .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.failures())
                            .extracting(ConditionFailedException.Failure::index)
                            .containsExactly(0, 2));
        }

        @Test
        void touching_one_item_twice_is_refused_before_writing() {
            assertThatThrownBy(() -> table().transactWrite(List.of(
                            new WriteOp.Put(item("A", 1), Condition.NONE),
                            new WriteOp.Delete(key("A"), Condition.NONE))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(table().get(key("A"))).isEmpty();
        }

        @Test
        void more_than_one_hundred_operations_are_refused() {
            List<WriteOp> ops = IntStream.range(0, 101)
                    .mapToObj(i -> (WriteOp) new WriteOp.Put(item("K" + i, 1), Condition.NONE))
                    .toList();
            assertThatThrownBy(() -> table().transactWrite(ops)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void every_attribute_type_round_trips() {
            Item rich = Item.of(key("A"))
                    .with("s", "text ünïcödé 😀")
                    .with("n", Attr.n(Long.MAX_VALUE))
                    .with("d", new Attr.N("12.5"))
                    .with("b", new Attr.Bool(true))
                    .with("z", new Attr.Null())
                    .with("l", new Attr.L(List.of(Attr.s("x"), Attr.n(1))))
                    .with("m", new Attr.M(Map.of("k", Attr.s("v"))))
                    .build();
            table().put(rich, Condition.NONE);
            assertThat(table().get(key("A"))).contains(rich);
        }
    }

    @Nested
    class Queries {
        void seed(String... sks) {
            for (String sk : sks) {
                table().put(Item.of(key(sk)).build(), Condition.NONE);
            }
        }

        List<String> sks(Page page) {
            return page.items().stream().map(i -> i.key().sk()).toList();
        }

        @Test
        void a_prefix_query_reads_only_matching_sort_keys_in_ascending_order() {
            seed("EVENT#002", "EVENT#001", "EVENTS", "EVENS", "TASK#1", "EVENT#003");
            assertThat(sks(table().query(Query.prefix(pk, "EVENT#", 100))))
                    .containsExactly("EVENT#001", "EVENT#002", "EVENT#003");
        }

        @Test
        void a_backward_query_reads_in_descending_order() {
            seed("EVENT#001", "EVENT#002", "EVENT#003");
            assertThat(sks(table().query(Query.prefix(pk, "EVENT#", 100).reversed())))
                    .containsExactly("EVENT#003", "EVENT#002", "EVENT#001");
        }

        @Test
        void a_between_query_is_inclusive_at_both_ends() {
            seed("EVENT#001", "EVENT#002", "EVENT#003", "EVENT#004");
            Query q = new Query(pk, new SortKeyRange.Between("EVENT#002", "EVENT#003"), true, 100, Optional.empty());
            assertThat(sks(table().query(q))).containsExactly("EVENT#002", "EVENT#003");
            assertThat(sks(table().query(q.reversed()))).containsExactly("EVENT#003", "EVENT#002");
        }

        @Test
        void a_query_never_reads_another_partition() {
            seed("EVENT#001");
            String other = pk + "-other";
            table().put(Item.of(new Key(other, "EVENT#002")).build(), Condition.NONE);
            assertThat(sks(table().query(Query.prefix(pk, "EVENT#", 100)))).containsExactly("EVENT#001");
        }

        @Test
        void an_empty_result_has_no_last_evaluated_key() {
            Page page = table().query(Query.prefix(pk, "NOTHING#", 10));
            assertThat(page.items()).isEmpty();
            assertThat(page.lastEvaluatedKey()).isEmpty();
        }

        @Test
        void paging_forward_with_every_page_size_reads_each_item_exactly_once_in_order() {
            List<String> all = IntStream.rangeClosed(1, 12)
                    .mapToObj(i -> "EVENT#%03d".formatted(i))
                    .toList();
            seed(all.toArray(String[]::new));
            for (int size = 1; size <= all.size() + 1; size++) {
                assertThat(pageThrough(Query.prefix(pk, "EVENT#", size)))
                        .as("page size %d", size)
                        .isEqualTo(all);
            }
        }

        @Test
        void paging_backward_with_every_page_size_reads_each_item_exactly_once_in_reverse() {
            List<String> all = IntStream.rangeClosed(1, 9)
                    .mapToObj(i -> "EVENT#%03d".formatted(i))
                    .toList();
            seed(all.toArray(String[]::new));
            for (int size = 1; size <= all.size() + 1; size++) {
                assertThat(pageThrough(Query.prefix(pk, "EVENT#", size).reversed()))
                        .as("page size %d", size)
                        .isEqualTo(all.reversed());
            }
        }

        @Test
        void a_page_never_holds_more_than_its_limit() {
            seed("A#1", "A#2", "A#3");
            Page page = table().query(Query.prefix(pk, "A#", 2));
            assertThat(page.items()).hasSize(2);
            assertThat(page.lastEvaluatedKey()).contains(key("A#2"));
        }

        List<String> pageThrough(Query first) {
            List<String> seen = new ArrayList<>();
            Query q = first;
            for (int guard = 0; guard < 100; guard++) {
                Page page = table().query(q);
                assertThat(page.items().size()).isLessThanOrEqualTo(first.limit());
                seen.addAll(sks(page));
                if (page.lastEvaluatedKey().isEmpty()) {
                    return seen;
                }
                q = q.after(page.lastEvaluatedKey().get());
            }
            throw new AssertionError("paging did not end");
        }
    }

    @Nested
    class Item_size {
        @Test
        void an_item_over_400_kb_is_refused_before_anything_is_written() {
            Item big = Item.of(key("A")).with("blob", "x".repeat(410 * 1024)).build();
            assertThatThrownBy(() -> table().transactWrite(List.of(
                            new WriteOp.Put(item("B", 1), Condition.NONE), new WriteOp.Put(big, Condition.NONE))))
                    .isInstanceOfSatisfying(ItemTooLargeException.class, e -> assertThat(e.key())
                            .isEqualTo(key("A")));
            assertThat(table().get(key("A"))).isEmpty();
            assertThat(table().get(key("B"))).isEmpty();
        }

        @Test
        void an_item_just_under_the_limit_is_stored() {
            Item almost = Item.of(key("A")).with("blob", "x".repeat(390 * 1024)).build();
            table().put(almost, Condition.NONE);
            assertThat(table().get(key("A"))).contains(almost);
        }
    }

    @Nested
    class Batch_writes {
        @Test
        void a_batch_of_any_size_puts_and_deletes_whole_items() {
            table().put(item("OLD", 1), Condition.NONE);
            table().put(
                            Item.of(key("B#000"))
                                    .with("version", 0)
                                    .with("stale", "gone after the batch")
                                    .build(),
                            Condition.NONE);
            List<WriteOp> writes = new ArrayList<>();
            IntStream.range(0, 230)
                    .forEach(i -> writes.add(new WriteOp.Put(item("B#%03d".formatted(i), i), Condition.NONE)));
            writes.add(new WriteOp.Delete(key("OLD"), Condition.NONE));
            writes.add(new WriteOp.Delete(key("NEVER"), Condition.NONE));

            table().writeBatch(writes);

            assertThat(table().get(key("OLD"))).isEmpty();
            assertThat(table().get(key("B#000"))).contains(item("B#000", 0));
            assertThat(table().get(key("B#229"))).contains(item("B#229", 229));
            assertThat(table().query(Query.prefix(pk, "B#", 1000)).items()).hasSize(230);
        }

        @Test
        void conditions_updates_and_repeated_keys_are_refused_before_anything_is_written() {
            WriteOp fine = new WriteOp.Put(item("FINE", 1), Condition.NONE);
            for (WriteOp bad : List.of(
                    new WriteOp.Put(item("C", 1), Condition.NOT_EXISTS),
                    new WriteOp.Delete(key("D"), Condition.EXISTS),
                    new WriteOp.Update(key("U"), Map.of("n", Attr.n(1)), Condition.NONE),
                    new WriteOp.Put(item("FINE", 2), Condition.NONE))) {
                assertThatThrownBy(() -> table().writeBatch(List.of(fine, bad)))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(table().get(key("FINE"))).isEmpty();
        }

        @Test
        void an_item_over_400_kb_is_refused_before_anything_is_written() {
            Item huge =
                    Item.of(key("HUGE")).with("body", "x".repeat(400 * 1024)).build();
            assertThatThrownBy(() -> table().writeBatch(List.of(
                            new WriteOp.Put(item("FIRST", 1), Condition.NONE), new WriteOp.Put(huge, Condition.NONE))))
                    .isInstanceOf(ItemTooLargeException.class);
            assertThat(table().get(key("FIRST"))).isEmpty();
        }

        @Test
        void batch_written_items_reach_the_change_stream_like_any_write() {
            table().writeBatch(List.of(new WriteOp.Put(item("S", 1), Condition.NONE)));
            table().writeBatch(List.of(new WriteOp.Delete(key("S"), Condition.NONE)));

            assertThat(recordsOf(key("S")))
                    .extracting(ChangeRecord::eventName)
                    .containsExactly(ChangeRecord.EventName.INSERT, ChangeRecord.EventName.REMOVE);
        }
    }

    @Nested
    class Change_records {
        @Test
        void an_insert_carries_the_keys_and_the_new_image_only() {
            table().put(item("A", 1), Condition.NOT_EXISTS);

            List<ChangeRecord> records = recordsOf(key("A"));
            assertThat(records).hasSize(1);
            ChangeRecord r = records.getFirst();
            assertThat(r.eventName()).isEqualTo(ChangeRecord.EventName.INSERT);
            assertThat(r.keys()).isEqualTo(Map.of(Key.PK, Attr.s(pk), Key.SK, Attr.s("A")));
            assertThat(r.newImage()).contains(item("A", 1).attributes());
            assertThat(r.oldImage()).isEmpty();
            assertThat(r.streamViewType()).isEqualTo(ChangeRecord.NEW_AND_OLD_IMAGES);
            assertThat(r.eventId()).isNotBlank();
            assertThat(r.sequenceNumber()).matches("[0-9]+");
            assertThat(r.approximateCreationDateTime()).isNotNull();
            assertThat(r.approximateCreationDateTime())
                    .isBetween(
                            java.time.Instant.now().minusSeconds(120),
                            java.time.Instant.now().plusSeconds(120));
        }

        @Test
        void a_modify_carries_the_old_and_the_new_image() {
            table().put(item("A", 1), Condition.NOT_EXISTS);
            table().put(item("A", 2), Condition.equals("version", Attr.n(1)));

            ChangeRecord r = recordsOf(key("A")).get(1);
            assertThat(r.eventName()).isEqualTo(ChangeRecord.EventName.MODIFY);
            assertThat(r.oldImage()).contains(item("A", 1).attributes());
            assertThat(r.newImage()).contains(item("A", 2).attributes());
        }

        @Test
        void a_remove_carries_the_old_image_only() {
            table().put(item("A", 1), Condition.NOT_EXISTS);
            table().transactWrite(List.of(new WriteOp.Delete(key("A"), Condition.EXISTS)));

            ChangeRecord r = recordsOf(key("A")).get(1);
            assertThat(r.eventName()).isEqualTo(ChangeRecord.EventName.REMOVE);
            assertThat(r.oldImage()).contains(item("A", 1).attributes());
            assertThat(r.newImage()).isEmpty();
        }

        @Test
        void records_of_one_key_come_in_write_order_with_growing_sequence_numbers() {
            for (int v = 1; v <= 5; v++) {
                table().put(item("A", v), Condition.NONE);
            }
            List<ChangeRecord> records = recordsOf(key("A"));

            assertThat(records)
                    .extracting(r -> r.newImage().orElseThrow().get("version"))
                    .containsExactly(Attr.n(1), Attr.n(2), Attr.n(3), Attr.n(4), Attr.n(5));
            for (int i = 1; i < records.size(); i++) {
                assertThat(new BigInteger(records.get(i).sequenceNumber()))
                        .isGreaterThan(new BigInteger(records.get(i - 1).sequenceNumber()));
            }
        }

        @Test
        void reading_after_a_sequence_number_continues_without_loss_or_repeat() {
            for (int v = 1; v <= 4; v++) {
                table().put(item("K" + v, v), Condition.NONE);
            }
            List<ChangeRecord> all = recordsOfPartition();
            assertThat(all).hasSize(4);
            String middle = all.get(1).sequenceNumber();

            List<ChangeRecord> rest = new ArrayList<>();
            String after = middle;
            while (true) {
                List<ChangeRecord> batch = changes().read(after, 1);
                if (batch.isEmpty()) {
                    break;
                }
                batch.stream().filter(r -> r.key().pk().equals(pk)).forEach(rest::add);
                after = batch.getLast().sequenceNumber();
            }
            assertThat(rest)
                    .extracting(ChangeRecord::eventId)
                    .containsExactly(all.get(2).eventId(), all.get(3).eventId());
        }
    }
}
