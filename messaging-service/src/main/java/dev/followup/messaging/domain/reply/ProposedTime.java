package dev.followup.messaging.domain.reply;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Locale;

/**
 * A day and/or time of day as the customer wrote it, without a time zone: the customer's local calendar, which only
 * cadence-service (that knows where the customer is) turns into an instant. At least one of the two is set.
 *
 * @param day "today", "tomorrow", "day-after-tomorrow", a weekday ("saturday") or a month-day ("--12-05"); or null
 * @param time the local time of day, or null when only a day was named
 */
public record ProposedTime(String day, LocalTime time) {
    public static final String TODAY = "today";
    public static final String TOMORROW = "tomorrow";
    public static final String DAY_AFTER_TOMORROW = "day-after-tomorrow";

    public ProposedTime {
        if (day == null && time == null) {
            throw new IllegalArgumentException("a proposed time needs a day or a time");
        }
    }

    static String weekday(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    static String monthDay(MonthDay monthDay) {
        return monthDay.toString();
    }

    @Override
    public String toString() {
        return (day == null ? "" : day) + (day != null && time != null ? " " : "") + (time == null ? "" : time);
    }
}
