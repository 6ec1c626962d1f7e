package dev.followup.insights.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The days a report covers, from and to inclusive, as the dealer's calendar has them. */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {
    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** Exclusive: the start of the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
