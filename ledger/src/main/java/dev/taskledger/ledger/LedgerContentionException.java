package dev.taskledger.ledger;

/** Appends to one tenant kept colliding past the retry budget; nothing was written by this append. */
public class LedgerContentionException extends RuntimeException {
    public LedgerContentionException(String tenantId, Throwable cause) {
        super("ledger of tenant " + tenantId + " is too contended; retry later", cause);
    }
}
