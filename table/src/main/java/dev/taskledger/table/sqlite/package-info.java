/** The embedded adapter of the table port: SQLite (WAL) with a DynamoDB-Streams-shaped change table. */
package dev.taskledger.table.sqlite;
