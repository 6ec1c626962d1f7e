package dev.followup.messaging.domain.reply;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the day and time a customer proposes in a reply, English or Spanish: "Saturday at 10", "tmrw after 5pm",
 * "12/5 around 3:30", "mañana a las 5", "el sábado en la tarde", "noon", "tonight". A bare number is a time only when
 * the words make it one ("at 10", "a las 5", "10am", "3:30"), so "2016 Civic" or "can you do 28k" are no times. A time
 * without am/pm is read as showroom hours read it: 8 to 11 in the morning, 12 noon, 1 to 7 in the afternoon. When a
 * reply names two days or times, the last one counts: that is how people correct themselves ("can't do Friday, how
 * about Saturday at 10?", "cancel tomorrow and do Friday instead").
 */
public final class WhenParser {
    private static final Pattern CLOCK = Pattern.compile("^(\\d{1,2})(?::(\\d{2}))?(am|pm|a|p|hrs|h)?$");
    private static final Pattern DAY_OF_MONTH = Pattern.compile("^(\\d{1,2})(st|nd|rd|th)?$");
    private static final Pattern SLASH_DATE = Pattern.compile("^(\\d{1,2})/(\\d{1,2})(?:/\\d{2,4})?$");
    private static final Set<String> BEFORE_CLOCK = Set.of("at", "around", "by", "after", "before", "@", "about", "til",
            "till", "until", "las", "la", "tipo", "como", "despues", "antes", "eta");
    private static final Map<String, LocalTime> NAMED_TIMES = Map.of("noon", LocalTime.NOON, "midday", LocalTime.NOON,
            "lunch", LocalTime.NOON, "lunchtime", LocalTime.NOON, "mediodia", LocalTime.NOON);
    private static final LocalTime MORNING = LocalTime.of(10, 0);
    private static final LocalTime AFTERNOON = LocalTime.of(14, 0);
    private static final LocalTime EVENING = LocalTime.of(18, 0);
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("monday", DayOfWeek.MONDAY), Map.entry("mon", DayOfWeek.MONDAY), Map.entry("lunes", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY),
            Map.entry("martes", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("weds", DayOfWeek.WEDNESDAY), Map.entry("miercoles", DayOfWeek.WEDNESDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY),
            Map.entry("thurs", DayOfWeek.THURSDAY), Map.entry("jueves", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("viernes", DayOfWeek.FRIDAY),
            Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("sabado", DayOfWeek.SATURDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("domingo", DayOfWeek.SUNDAY),
            Map.entry("weekend", DayOfWeek.SATURDAY));
    /** "sat" and "sun" are also words; they are days only after "on", "this", "next" or before a time. */
    private static final Map<String, DayOfWeek> SHORT_WEEKDAYS = Map.of("sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private static final Set<String> TOMORROW = Set.of("tomorrow", "tmrw", "tmr", "tmrrw", "tomorow", "tommorow",
            "tommorrow", "2morrow", "2moro", "manana");
    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("jan", Month.JANUARY), Map.entry("january", Month.JANUARY), Map.entry("enero", Month.JANUARY),
            Map.entry("feb", Month.FEBRUARY), Map.entry("february", Month.FEBRUARY), Map.entry("febrero", Month.FEBRUARY),
            Map.entry("mar", Month.MARCH), Map.entry("march", Month.MARCH), Map.entry("marzo", Month.MARCH),
            Map.entry("apr", Month.APRIL), Map.entry("april", Month.APRIL), Map.entry("abril", Month.APRIL),
            Map.entry("may", Month.MAY), Map.entry("mayo", Month.MAY),
            Map.entry("jun", Month.JUNE), Map.entry("june", Month.JUNE), Map.entry("junio", Month.JUNE),
            Map.entry("jul", Month.JULY), Map.entry("july", Month.JULY), Map.entry("julio", Month.JULY),
            Map.entry("aug", Month.AUGUST), Map.entry("august", Month.AUGUST), Map.entry("agosto", Month.AUGUST),
            Map.entry("sep", Month.SEPTEMBER), Map.entry("sept", Month.SEPTEMBER), Map.entry("september", Month.SEPTEMBER),
            Map.entry("septiembre", Month.SEPTEMBER),
            Map.entry("oct", Month.OCTOBER), Map.entry("october", Month.OCTOBER), Map.entry("octubre", Month.OCTOBER),
            Map.entry("nov", Month.NOVEMBER), Map.entry("november", Month.NOVEMBER), Map.entry("noviembre", Month.NOVEMBER),
            Map.entry("dec", Month.DECEMBER), Map.entry("december", Month.DECEMBER), Map.entry("diciembre", Month.DECEMBER));

    private WhenParser() {
    }

    public static Optional<ProposedTime> find(String body) {
        List<String> t = tokens(body);
        String day = day(t);
        LocalTime time = time(t);
        if (time == null && day != null) {
            time = partOfDay(t);
        }
        if (time == null && day == null && (t.contains("tonight") || t.contains("noche") && t.contains("esta"))) {
            return Optional.of(new ProposedTime(ProposedTime.TODAY, EVENING));
        }
        return day == null && time == null ? Optional.empty() : Optional.of(new ProposedTime(day, time));
    }

    private static String day(List<String> t) {
        String last = null;
        for (int i = 0; i < t.size(); i++) {
            String found = dayAt(t, i);
            if (found != null) {
                last = found;
            }
        }
        return last;
    }

    private static String dayAt(List<String> t, int i) {
        String w = t.get(i);
        String before = i > 0 ? t.get(i - 1) : "";
        if ("pasado".equals(w) && i + 1 < t.size() && "manana".equals(t.get(i + 1))
                || "after".equals(w) && "day".equals(before) && i + 1 < t.size() && TOMORROW.contains(t.get(i + 1))) {
            return ProposedTime.DAY_AFTER_TOMORROW;
        }
        if ("manana".equals(w) && Set.of("la", "pasado").contains(before)
                || TOMORROW.contains(w) && "after".equals(before) && i >= 2 && "day".equals(t.get(i - 2))) {
            return null; // "por la mañana" is the morning, not tomorrow; "the day after tomorrow" was read already
        }
        if (TOMORROW.contains(w)) {
            return ProposedTime.TOMORROW;
        }
        if (Set.of("today", "hoy", "tonight", "tonite").contains(w)) {
            return ProposedTime.TODAY;
        }
        if ("this".equals(w) && i + 1 < t.size() && Set.of("morning", "afternoon", "evening").contains(t.get(i + 1))) {
            return ProposedTime.TODAY;
        }
        DayOfWeek weekday = WEEKDAYS.get(w);
        if (weekday == null && SHORT_WEEKDAYS.containsKey(w) && (Set.of("on", "this", "next").contains(before)
                || i + 1 < t.size() && (BEFORE_CLOCK.contains(t.get(i + 1)) || clockAt(t, i + 1) != null))) {
            weekday = SHORT_WEEKDAYS.get(w);
        }
        if (weekday != null) {
            return ProposedTime.weekday(weekday);
        }
        if ("fin".equals(w) && i + 2 < t.size() && "de".equals(t.get(i + 1)) && "semana".equals(t.get(i + 2))) {
            return ProposedTime.weekday(DayOfWeek.SATURDAY);
        }
        MonthDay date = date(t, i);
        return date == null ? null : ProposedTime.monthDay(date);
    }

    /** 12/5 (month first, as in the US), Dec 5, December 5th, 5 de diciembre. */
    private static MonthDay date(List<String> t, int i) {
        try {
            Matcher slash = SLASH_DATE.matcher(t.get(i));
            if (slash.matches()) {
                return MonthDay.of(Integer.parseInt(slash.group(1)), Integer.parseInt(slash.group(2)));
            }
            Month month = MONTHS.get(t.get(i));
            if (month != null && i + 1 < t.size() && (month != Month.MAY && month != Month.MARCH || i > 0
                    && Set.of("on", "el", "this", "next").contains(t.get(i - 1)))) {
                Integer dayOfMonth = dayOfMonth(t.get(i + 1));
                if (dayOfMonth != null) {
                    return MonthDay.of(month, dayOfMonth);
                }
            }
            if (month != null && i >= 2 && "de".equals(t.get(i - 1))) {
                Integer dayOfMonth = dayOfMonth(t.get(i - 2));
                if (dayOfMonth != null) {
                    return MonthDay.of(month, dayOfMonth);
                }
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    private static Integer dayOfMonth(String word) {
        Matcher m = DAY_OF_MONTH.matcher(word);
        if (!m.matches()) {
            return null;
        }
        int value = Integer.parseInt(m.group(1));
        return value >= 1 && value <= 31 ? value : null;
    }

    private static LocalTime time(List<String> t) {
        LocalTime last = null;
        for (int i = 0; i < t.size(); i++) {
            LocalTime found = NAMED_TIMES.containsKey(t.get(i)) ? NAMED_TIMES.get(t.get(i)) : clockAt(t, i);
            if (found != null) {
                last = found;
            }
        }
        return last;
    }

    /** The clock time at token i, when the words around it make the number a time. */
    private static LocalTime clockAt(List<String> t, int i) {
        if (i >= t.size()) {
            return null;
        }
        Matcher m = CLOCK.matcher(t.get(i));
        if (!m.matches()) {
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String next = i + 1 < t.size() ? t.get(i + 1) : "";
        String meridiem = m.group(3) != null ? m.group(3) : Set.of("am", "pm").contains(next) ? next : null;
        boolean saysTime = meridiem != null || m.group(2) != null
                || i > 0 && BEFORE_CLOCK.contains(t.get(i - 1)) && !Set.of("mil", "k", "miles", "dollars", "bucks",
                        "months", "meses", "years", "anos", "days", "dias", "weeks", "semanas", "minutes", "minutos",
                        "hours", "horas", "percent", "down", "off").contains(next);
        if (!saysTime || minute > 59 || hour > 23) {
            return null;
        }
        boolean pm = meridiem != null && meridiem.startsWith("p") || spanishAfternoon(t, i);
        boolean am = meridiem != null && meridiem.startsWith("a") || spanishMorning(t, i);
        if (hour > 12 || "h".equals(meridiem) || "hrs".equals(meridiem)) {
            return LocalTime.of(hour, minute);
        }
        if (hour == 0) {
            return null;
        }
        if (pm) {
            return LocalTime.of(hour == 12 ? 12 : hour + 12, minute);
        }
        if (am) {
            return LocalTime.of(hour == 12 ? 0 : hour, minute);
        }
        return LocalTime.of(hour <= 7 ? hour + 12 : hour, minute);
    }

    private static boolean spanishAfternoon(List<String> t, int i) {
        return followedBy(t, i, "tarde") || followedBy(t, i, "noche");
    }

    private static boolean spanishMorning(List<String> t, int i) {
        return followedBy(t, i, "manana");
    }

    /** "5 de la tarde", "10 en la mañana", "5 por la tarde". */
    private static boolean followedBy(List<String> t, int i, String part) {
        return i + 3 < t.size() && Set.of("de", "en", "por").contains(t.get(i + 1)) && "la".equals(t.get(i + 2))
                && part.equals(t.get(i + 3));
    }

    private static LocalTime partOfDay(List<String> t) {
        for (int i = 0; i < t.size(); i++) {
            String w = t.get(i);
            String before = i > 0 ? t.get(i - 1) : "";
            if ("morning".equals(w) || "manana".equals(w) && "la".equals(before)) {
                return MORNING;
            }
            if ("afternoon".equals(w) || "tarde".equals(w) && "la".equals(before)) {
                return AFTERNOON;
            }
            if (Set.of("evening", "tonight", "tonite").contains(w) || "noche".equals(w) && Set.of("la", "esta").contains(before)
                    || "after".equals(w) && i + 1 < t.size() && "work".equals(t.get(i + 1))) {
                return EVENING;
            }
        }
        return null;
    }

    /** Lower-case words without accents; ':' and '/' stay inside numbers ("3:30", "12/5"), and "p.m." reads "pm". */
    static List<String> tokens(String body) {
        if (body == null) {
            return List.of();
        }
        String text = Normalizer.normalize(body, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                .replaceAll("\\b([ap])\\.\\s?m\\b\\.?", "$1m").replaceAll("(\\d)\\s+([ap]m)\\b", "$1$2");
        List<String> words = new ArrayList<>(Arrays.asList(text.replaceAll("[^\\p{L}\\p{N}:/@]+", " ").trim().split(" ")));
        words.replaceAll(w -> w.replaceAll("^[:/]+|[:/]+$", ""));
        words.removeIf(String::isEmpty);
        return words;
    }
}
