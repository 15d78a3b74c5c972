package dev.taskledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The canonical fast path of {@link Times#parse} agrees with the general RFC 3339 parser. */
class TimesProperties {
    @Property
    void a_formatted_instant_parses_back_to_itself(
            @ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        assertThat(Times.parse(Times.format(instant))).isEqualTo(instant);
    }

    @Property
    void the_fast_path_agrees_with_the_general_parser(
            @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long epochMillis) {
        String text = Times.format(Instant.ofEpochMilli(epochMillis));
        Instant general = DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .parse(text, Instant::from)
                .truncatedTo(ChronoUnit.MILLIS);
        assertThat(Times.parse(text)).isEqualTo(general);
    }

    @Test
    void other_rfc_3339_forms_still_parse() {
        assertThat(Times.parse("2026-01-15T10:30:00+02:00")).isEqualTo(Instant.parse("2026-01-15T08:30:00Z"));
        assertThat(Times.parse("2026-01-15T10:30:00.123456Z")).isEqualTo(Instant.parse("2026-01-15T10:30:00.123Z"));
        assertThat(Times.parse(OffsetDateTime.parse("2024-02-29T23:59:59.999Z").toString()))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
    }

    @Test
    void impossible_dates_in_the_canonical_shape_are_refused() {
        for (String bad : new String[] {
            "2026-02-30T10:30:00.000Z",
            "2025-02-29T10:30:00.000Z",
            "2026-13-01T10:30:00.000Z",
            "2026-01-15T24:00:00.000Z",
            "2026-01-15T10:60:00.000Z",
            "2026-01-15T10:30:60.000Z",
            "2026-01-15T10:30:00.0x0Z",
            "+026-01-15T10:30:00.000Z"
        }) {
            assertThatThrownBy(() -> Times.parse(bad))
                    .as(bad)
                    .isInstanceOfAny(IllegalArgumentException.class, DateTimeException.class);
        }
    }
}
