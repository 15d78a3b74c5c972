/** Query functions: reads served from projections (and a task's history from the ledger). */
package dev.taskledger.query;
