/**
 * The tenant ledger, written once against the table port: gapless per-tenant sequences, per-task versions,
 * the hash chain, idempotency records, and the single-table key design ({@link dev.taskledger.ledger.Keys}).
 * Used by the command side to append and by readers to replay and verify.
 */
package dev.taskledger.ledger;
