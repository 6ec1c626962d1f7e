package dev.followup.lead.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the dates lead feeds actually send (ISO with or without zone, "2024-03-05 14:22:00", "03/05/2024 2:22 PM",
 * RFC 1123, a bare date). A date without zone is read in the dealer's zone. What cannot be read is empty: a lead is
 * never refused for its request date.
 */
public final class LenientDates {
    private static final List<DateTimeFormatter> WITH_ZONE = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ISO_ZONED_DATE_TIME,
            pattern("yyyy-MM-dd HH:mm[:ss][.SSS]XXX"),
            pattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]xx"),
            pattern("yyyy-MM-dd HH:mm[:ss][.SSS] xx"),
            pattern("yyyy-MM-dd HH:mm[:ss] z"),
            DateTimeFormatter.RFC_1123_DATE_TIME);
    private static final List<DateTimeFormatter> LOCAL_DATE_TIME = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            pattern("yyyy-MM-dd HH:mm[:ss][.SSS]"),
            pattern("M/d/yyyy h:mm[:ss] a"),
            pattern("M/d/yyyy h:mm[:ss]a"),
            pattern("M/d/yyyy H:mm[:ss]"),
            pattern("yyyy/MM/dd HH:mm[:ss]"));
    private static final List<DateTimeFormatter> LOCAL_DATE = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            pattern("M/d/yyyy"),
            pattern("yyyy/MM/dd"));

    private LenientDates() {
    }

    public static Optional<Instant> parse(String raw, ZoneId localZone) {
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            return Optional.empty();
        }
        String text = raw.trim();
        for (DateTimeFormatter format : WITH_ZONE) {
            try {
                return Optional.of(ZonedDateTime.parse(text, format).toInstant());
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        for (DateTimeFormatter format : LOCAL_DATE_TIME) {
            try {
                return Optional.of(LocalDateTime.parse(text, format).atZone(localZone).toInstant());
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        for (DateTimeFormatter format : LOCAL_DATE) {
            try {
                return Optional.of(LocalDate.parse(text, format).atStartOfDay(localZone).toInstant());
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return Optional.empty();
    }

    /** Strict ISO-8601 instant with offset, for fields a client must send properly (appointments, visits). */
    public static Optional<Instant> parseStrict(String raw) {
        try {
            return Optional.of(OffsetDateTime.parse(raw.trim()).toInstant());
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static DateTimeFormatter pattern(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .toFormatter(Locale.US);
    }
}
