package dev.followup.task.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class BusinessDayTest {
    @Test
    void todayIsTheDealersLocalDay() {
        // 03:30 UTC on March 15 is still March 14 in Chicago (UTC-5 in daylight time).
        BusinessDay day = BusinessDay.of(Instant.parse("2025-03-15T03:30:00Z"), ZoneId.of("America/Chicago"));
        assertThat(day.date()).isEqualTo(LocalDate.parse("2025-03-14"));
        assertThat(day.start()).isEqualTo(Instant.parse("2025-03-14T05:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2025-03-15T05:00:00Z"));
        assertThat(day.contains(Instant.parse("2025-03-15T04:59:59Z"))).isTrue();
        assertThat(day.contains(Instant.parse("2025-03-15T05:00:00Z"))).isFalse();
    }

    @Test
    void aDaylightSavingDayIsShorter() {
        // Clocks sprang forward on March 9, 2025 in the US: that local day has 23 hours.
        BusinessDay day = BusinessDay.of(Instant.parse("2025-03-09T18:00:00Z"), ZoneId.of("America/Chicago"));
        assertThat(java.time.Duration.between(day.start(), day.end()).toHours()).isEqualTo(23);
    }
}
