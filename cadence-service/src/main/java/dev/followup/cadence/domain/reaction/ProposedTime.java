package dev.followup.cadence.domain.reaction;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A day and/or time the customer proposed, in the customer's own calendar (message.reply-received.v2 proposed),
 * turned into an instant where the customer is: "saturday" is the next Saturday there (today if it is Saturday and the
 * time is still ahead), "--12-05" the next 5 December, a time alone today or, once passed, tomorrow.
 *
 * @param day today, tomorrow, day-after-tomorrow, a weekday, --MM-DD, or null
 * @param time the local time, or null when only a day was named (read as 10:00, when showrooms are open)
 */
public record ProposedTime(String day, LocalTime time) {
    static final LocalTime DAY_ONLY = LocalTime.of(10, 0);

    public boolean dayOnly() {
        return time == null;
    }

    public Instant at(ZoneId zone, Instant now) {
        ZonedDateTime here = now.atZone(zone);
        LocalDate today = here.toLocalDate();
        LocalTime clock = time == null ? DAY_ONLY : time;
        LocalDate date;
        if (day == null) {
            date = clock.isAfter(here.toLocalTime()) ? today : today.plusDays(1);
        } else if (day.startsWith("--")) {
            MonthDay monthDay = MonthDay.parse(day);
            date = monthDay.atYear(today.getYear());
            date = date.isBefore(today) ? monthDay.atYear(today.getYear() + 1) : date;
        } else {
            date = switch (day) {
                case "today" -> today;
                case "tomorrow" -> today.plusDays(1);
                case "day-after-tomorrow" -> today.plusDays(2);
                default -> {
                    LocalDate next = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT))));
                    yield next.equals(today) && !clock.isAfter(here.toLocalTime()) ? next.plusWeeks(1) : next;
                }
            };
        }
        return ZonedDateTime.of(date, clock, zone).toInstant();
    }
}
