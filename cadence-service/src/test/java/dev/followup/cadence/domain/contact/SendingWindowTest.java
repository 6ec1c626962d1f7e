package dev.followup.cadence.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class SendingWindowTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    @Test
    void insideTheWindowATextGoesAtOnceAndMustBeSentBefore21Local() {
        SendingWindow window = new SendingWindow(CHICAGO, false);
        SendingWindow.Decision d = window.earliest(local("2025-03-14T10:04", CHICAGO), List.of());
        assertThat(d.deferred()).isFalse();
        assertThat(d.at()).isEqualTo(local("2025-03-14T10:04", CHICAGO));
        assertThat(d.sendBefore()).isEqualTo(local("2025-03-14T21:00", CHICAGO));
    }

    @Test
    void lateEveningIsDeferredTo8NextMorningAndEarlyMorningTo8SameDay() {
        SendingWindow window = new SendingWindow(LOS_ANGELES, false);
        SendingWindow.Decision late = window.earliest(local("2025-06-10T21:00", LOS_ANGELES), List.of());
        assertThat(late.at()).isEqualTo(local("2025-06-11T08:00", LOS_ANGELES));
        assertThat(late.deferredBecause()).contains("outside the sending window 08:00-21:00 America/Los_Angeles");
        SendingWindow.Decision early = window.earliest(local("2025-06-10T07:59", LOS_ANGELES), List.of());
        assertThat(early.at()).isEqualTo(local("2025-06-10T08:00", LOS_ANGELES));
        assertThat(window.earliest(local("2025-06-10T20:59", LOS_ANGELES), List.of()).deferred()).isFalse();
    }

    @Test
    void springForwardNightDefersTo8LocalWhichIsOnlySevenHoursAfterMidnightUtcShift() {
        // 2025-03-09: clocks go from 02:00 to 03:00 in New York.
        SendingWindow window = new SendingWindow(NEW_YORK, false);
        Instant lateSaturday = local("2025-03-08T22:30", NEW_YORK); // EST, UTC-5
        SendingWindow.Decision d = window.earliest(lateSaturday, List.of());
        assertThat(d.at()).isEqualTo(Instant.parse("2025-03-09T12:00:00Z")); // 08:00 EDT = UTC-4
        assertThat(d.at().atZone(NEW_YORK).getHour()).isEqualTo(8);
        // During the skipped hour (02:30 does not exist) a text still waits for 08:00 EDT.
        assertThat(window.earliest(Instant.parse("2025-03-09T07:30:00Z"), List.of()).at())
                .isEqualTo(Instant.parse("2025-03-09T12:00:00Z"));
        assertThat(d.sendBefore()).isEqualTo(Instant.parse("2025-03-10T01:00:00Z")); // 21:00 EDT
    }

    @Test
    void fallBackNightDefersTo8LocalStandardTime() {
        // 2025-11-02: clocks go from 02:00 back to 01:00 in Chicago; 01:30 happens twice.
        SendingWindow window = new SendingWindow(CHICAGO, false);
        Instant firstOneThirty = ZonedDateTime.ofLocal(LocalDateTime.parse("2025-11-02T01:30"), CHICAGO, null)
                .withEarlierOffsetAtOverlap().toInstant();
        Instant secondOneThirty = firstOneThirty.plusSeconds(3600);
        assertThat(window.earliest(firstOneThirty, List.of()).at()).isEqualTo(Instant.parse("2025-11-02T14:00:00Z"));
        assertThat(window.earliest(secondOneThirty, List.of()).at()).isEqualTo(Instant.parse("2025-11-02T14:00:00Z"));
        assertThat(window.earliest(local("2025-11-01T21:30", CHICAGO), List.of()).at())
                .isEqualTo(Instant.parse("2025-11-02T14:00:00Z")); // 08:00 CST = UTC-6
    }

    @Test
    void floridaClosesAt20() {
        SendingWindow florida = new SendingWindow(NEW_YORK, true);
        SendingWindow.Decision d = florida.earliest(local("2025-04-01T20:00", NEW_YORK), List.of());
        assertThat(d.at()).isEqualTo(local("2025-04-02T08:00", NEW_YORK));
        assertThat(d.deferredBecause()).contains("08:00-20:00");
        assertThat(florida.earliest(local("2025-04-01T19:30", NEW_YORK), List.of()).sendBefore())
                .isEqualTo(local("2025-04-01T20:00", NEW_YORK));
        assertThat(new SendingWindow(NEW_YORK, false).earliest(local("2025-04-01T20:00", NEW_YORK), List.of()).deferred())
                .isFalse();
    }

    @Test
    void floridaAllowsAtMostThreeTextsIn24HoursAndDefersTheFourthToTheNextAllowedMinute() {
        SendingWindow florida = new SendingWindow(NEW_YORK, true);
        List<Instant> sent = List.of(local("2025-04-01T09:00", NEW_YORK), local("2025-04-01T12:00", NEW_YORK),
                local("2025-04-01T15:00", NEW_YORK));
        SendingWindow.Decision fourth = florida.earliest(local("2025-04-01T16:00", NEW_YORK), sent);
        // The 09:00 text leaves the 24 h window just after 09:00 the next day.
        assertThat(fourth.at()).isEqualTo(local("2025-04-02T09:01", NEW_YORK));
        assertThat(fourth.deferredBecause()).contains("Florida limit of 3 texts in 24 hours");
        assertThat(florida.earliest(local("2025-04-01T16:00", NEW_YORK), sent.subList(0, 2)).deferred()).isFalse();
        // Outside Florida the same history does not hold a text back.
        assertThat(new SendingWindow(NEW_YORK, false).earliest(local("2025-04-01T16:00", NEW_YORK), sent).deferred()).isFalse();
    }

    @Test
    void floridaCapThatEndsAtNightMovesToTheNextMorning() {
        SendingWindow florida = new SendingWindow(NEW_YORK, true);
        List<Instant> sent = List.of(local("2025-04-01T19:00", NEW_YORK), local("2025-04-01T19:10", NEW_YORK),
                local("2025-04-01T19:20", NEW_YORK));
        // Next morning 08:00 is within 24 h of all three: wait until 19:01 next day, inside the window.
        assertThat(florida.earliest(local("2025-04-02T08:00", NEW_YORK), sent).at())
                .isEqualTo(local("2025-04-02T19:01", NEW_YORK));
    }
}
