package dev.taskledger.command.domain;

/** One bad field of a request body, as reported in a problem document's {@code errors}. */
public record FieldError(String field, String message) {}
