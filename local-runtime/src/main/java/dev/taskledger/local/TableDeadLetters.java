package dev.taskledger.local;

import dev.taskledger.events.Times;
import dev.taskledger.ledger.Keys;
import dev.taskledger.projector.bus.DeadLetter;
import dev.taskledger.projector.bus.DeadLetterStore;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process bus's dead letters in the embedded table: {@code SYSTEM / BUS#DLQ#<id>} while parked,
 * {@code SYSTEM / BUS#REDRIVE#<id>} once an operator asked to redrive it ({@code dlq redrive}, with the runtime
 * stopped or running); the runtime delivers redrive requests within a second, or at its next start.
 */
final class TableDeadLetters implements DeadLetterStore {
    static final String PARKED = Keys.BUS_DEAD_LETTER_PREFIX;
    static final String REDRIVE = Keys.BUS_REDRIVE_PREFIX;
    private final Table table;

    TableDeadLetters(Table table) {
        this.table = table;
    }

    @Override
    public void park(DeadLetter letter) {
        table.put(item(PARKED, letter), Condition.NONE);
    }

    @Override
    public List<DeadLetter> parked() {
        return read(PARKED);
    }

    @Override
    public boolean remove(String id) {
        try {
            table.transactWrite(List.of(new WriteOp.Delete(Keys.system(PARKED + id), Condition.EXISTS)));
            return true;
        } catch (ConditionFailedException gone) {
            return false;
        }
    }

    @Override
    public List<DeadLetter> takeRedriveRequests() {
        List<DeadLetter> taken = new ArrayList<>();
        for (DeadLetter letter : read(REDRIVE)) {
            try {
                table.transactWrite(List.of(new WriteOp.Delete(Keys.system(REDRIVE + letter.id()), Condition.EXISTS)));
                taken.add(letter);
            } catch (ConditionFailedException takenElsewhere) {
                // another taker delivers it
            }
        }
        return taken;
    }

    /** Moves every parked letter to the redrive requests; returns how many. */
    int requestRedrive() {
        int requested = 0;
        for (DeadLetter letter : parked()) {
            try {
                table.transactWrite(List.of(
                        new WriteOp.Delete(Keys.system(PARKED + letter.id()), Condition.EXISTS),
                        new WriteOp.Put(item(REDRIVE, letter), Condition.NONE)));
                requested++;
            } catch (ConditionFailedException gone) {
                // redriven meanwhile
            }
        }
        return requested;
    }

    private static Item item(String prefix, DeadLetter letter) {
        return Item.of(Keys.system(prefix + letter.id()))
                .with("target", letter.target())
                .with("event", letter.event())
                .with("attempts", letter.attempts())
                .with("error", letter.error())
                .with("parked_at", Times.format(letter.parkedAt()))
                .build();
    }

    private List<DeadLetter> read(String prefix) {
        List<DeadLetter> letters = new ArrayList<>();
        Query query = Query.prefix(Keys.SYSTEM, prefix, 500);
        while (true) {
            Page page = table.query(query);
            for (Item item : page.items()) {
                letters.add(new DeadLetter(
                        item.key().sk().substring(prefix.length()),
                        item.string("target"),
                        item.string("event"),
                        (int) item.number("attempts"),
                        item.string("error"),
                        Times.parse(item.string("parked_at"))));
            }
            if (page.lastEvaluatedKey().isEmpty()) {
                return letters;
            }
            query = query.after(page.lastEvaluatedKey().get());
        }
    }
}
