package dev.taskledger.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The one wire format for instants: RFC 3339, UTC, milliseconds ({@code 2026-01-15T10:30:00.000Z}). */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Parses any RFC 3339 instant (offset allowed) and truncates it to milliseconds. */
    public static Instant parse(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME
                    .parse(text, Instant::from)
                    .truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 date-time: " + text, e);
        }
    }

    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
