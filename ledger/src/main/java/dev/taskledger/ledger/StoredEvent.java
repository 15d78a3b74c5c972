package dev.taskledger.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventEnvelope;

/**
 * A ledger event as read back: the envelope, the exact JSON that was stored (which is what verification hashes, so
 * that an upcast or re-encoding can never hide an edit) as a tree, and as the text it was stored as.
 */
public record StoredEvent(EventEnvelope envelope, ObjectNode json, String text) {}
