package dev.followup.cadence.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpacingTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId MIAMI = ZoneId.of("America/New_York");
    private static final Spacing.Limits FOUR_HOURS_TWO_A_DAY = new Spacing.Limits(Duration.ofHours(4), 2);
    private static final SendingWindow CHICAGO_WINDOW = new SendingWindow(CHICAGO, false);

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    private static Spacing.Touch sales(String dateTime, ZoneId zone) {
        return new Spacing.Touch(local(dateTime, zone), true);
    }

    @Test
    void aTextWithinTheGapOfTheLastOneWaitsForTheGapToPass() {
        Instant now = local("2026-03-10T11:00", CHICAGO);
        Spacing.Slot slot = Spacing.earliest(now, List.of(sales("2026-03-10T10:00", CHICAGO)), FOUR_HOURS_TWO_A_DAY, false,
                CHICAGO, CHICAGO_WINDOW, true, "text");
        assertThat(slot.at()).isEqualTo(local("2026-03-10T14:00", CHICAGO));
        assertThat(slot.spacedBy()).contains("at least 4 h between automated texts").contains("10:00");
        assertThat(slot.windowedBy()).isNull();
        assertThat(slot.isAt(now)).isFalse();
    }

    @Test
    void theFirstTouchOfANewLeadIsNotHeldBackBySpacingButIsByTheWindow() {
        Instant night = local("2026-03-10T22:30", CHICAGO);
        List<Spacing.Touch> justTexted = List.of(sales("2026-03-10T22:00", CHICAGO));
        Spacing.Slot exempt = Spacing.earliest(night, justTexted, FOUR_HOURS_TWO_A_DAY, true, CHICAGO, CHICAGO_WINDOW, true, "text");
        assertThat(exempt.at()).isEqualTo(local("2026-03-11T08:00", CHICAGO));
        assertThat(exempt.spacedBy()).isNull();
        assertThat(exempt.windowedBy()).contains("outside the sending window");
        Instant noon = local("2026-03-10T12:00", CHICAGO);
        assertThat(Spacing.earliest(noon, List.of(sales("2026-03-10T11:59", CHICAGO)), FOUR_HOURS_TWO_A_DAY, true,
                CHICAGO, CHICAGO_WINDOW, true, "text").isAt(noon)).isTrue();
    }

    @Test
    void theDailyLimitCountsTheRecipientsLocalDayAndMovesToTheNextMorning() {
        Instant evening = local("2026-03-10T19:00", CHICAGO);
        Spacing.Slot slot = Spacing.earliest(evening, List.of(sales("2026-03-10T08:30", CHICAGO), sales("2026-03-10T13:00", CHICAGO)),
                FOUR_HOURS_TWO_A_DAY, false, CHICAGO, CHICAGO_WINDOW, true, "text");
        assertThat(slot.at()).isEqualTo(local("2026-03-11T08:00", CHICAGO));
        assertThat(slot.spacedBy()).contains("2 automated text(s) already on 2026-03-10, at most 2 a day");
        assertThat(slot.reasons()).contains("then outside the sending window");
    }

    @Test
    void gapAndWindowCombineAGapEndingAfterNineAtNightWaitsForEightInTheMorning() {
        Instant now = local("2026-03-10T18:00", CHICAGO);
        Spacing.Slot slot = Spacing.earliest(now, List.of(sales("2026-03-10T17:30", CHICAGO)), FOUR_HOURS_TWO_A_DAY, false,
                CHICAGO, CHICAGO_WINDOW, true, "text");
        assertThat(slot.at()).isEqualTo(local("2026-03-11T08:00", CHICAGO));
        assertThat(slot.sendBefore()).isEqualTo(local("2026-03-11T21:00", CHICAGO));
    }

    @Test
    void floridaCountsOnlySalesTextsAndWaitsForTheOldestOfThreeToLeaveTheDay() {
        SendingWindow florida = new SendingWindow(MIAMI, true);
        Spacing.Limits loose = new Spacing.Limits(Duration.ofHours(1), 5);
        List<Spacing.Touch> three = List.of(sales("2026-03-10T09:00", MIAMI), sales("2026-03-10T12:00", MIAMI),
                sales("2026-03-10T15:00", MIAMI));
        Instant now = local("2026-03-10T17:00", MIAMI);
        Spacing.Slot fourthSales = Spacing.earliest(now, three, loose, false, MIAMI, florida, true, "text");
        assertThat(fourthSales.at()).isEqualTo(local("2026-03-11T09:01", MIAMI));
        assertThat(fourthSales.windowedBy()).contains("Florida limit of 3");
        Spacing.Slot reminder = Spacing.earliest(now, three, loose, false, MIAMI, florida, false, "text");
        assertThat(reminder.isAt(now)).as("an appointment reminder is not a sales text").isTrue();
    }

    @Test
    void emailsHaveNoWindowOnlyTheirOwnSpacing() {
        Instant lateNight = local("2026-03-10T23:30", CHICAGO);
        Spacing.Limits emails = new Spacing.Limits(Duration.ofHours(12), 1);
        assertThat(Spacing.earliest(lateNight, List.of(), emails, false, CHICAGO, null, true, "email").isAt(lateNight)).isTrue();
        Spacing.Slot second = Spacing.earliest(lateNight, List.of(new Spacing.Touch(local("2026-03-10T20:00", CHICAGO), true)),
                emails, false, CHICAGO, null, true, "email");
        assertThat(second.at()).isEqualTo(local("2026-03-11T08:00", CHICAGO));
        assertThat(second.sendBefore()).isNull();
    }
}
