package dev.followup.task.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** "Today" for a dealer: from local midnight to the next local midnight in the dealer's time zone. */
public record BusinessDay(LocalDate date, ZoneId zone, Instant start, Instant end) {

    public static BusinessDay of(Instant now, ZoneId zone) {
        LocalDate date = now.atZone(zone).toLocalDate();
        return new BusinessDay(date, zone, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
