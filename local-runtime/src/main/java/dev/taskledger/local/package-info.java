/**
 * The local runtime: the whole system as one process on the embedded store, with the same functions as AWS behind
 * a small HTTP front door that speaks API Gateway's v2 event format, a dev token issuer, and the CLI.
 */
package dev.taskledger.local;
