package dev.taskledger.ledger;

import dev.taskledger.events.HashChain;

/** The last sequence of a tenant's ledger and its hash; sequence 0 and 64 zeros for an empty ledger. */
public record LedgerHead(long sequence, String hash) {
    public static final LedgerHead EMPTY = new LedgerHead(0, HashChain.GENESIS);
}
