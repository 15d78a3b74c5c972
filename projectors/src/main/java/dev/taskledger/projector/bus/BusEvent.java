package dev.taskledger.projector.bus;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An event as put on the bus: EventBridge's {@code source}, {@code detail-type} and {@code detail}. */
public record BusEvent(String source, String detailType, ObjectNode detail) {}
