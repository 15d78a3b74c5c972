/**
 * The event contract of the ledger: the envelope, the sealed family of task events, the registry of stored
 * event names, the JSON codec, RFC 8785 canonical JSON and the hash chain. Nothing here performs I/O except
 * loading the bundled JSON Schemas from the class path.
 */
package dev.taskledger.events;
