package dev.followup.cadence.domain.contact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When the next automated touch may reach a customer, one rule for every producer of touches: at least a minimum
 * gap after the previous automated touch of the same channel from the same dealer, at most a daily number per
 * recipient-local day, and, for texts, inside the sending window (Florida: 3 sales texts in 24 hours per seller).
 * Pure: the caller passes the touches already made.
 */
public final class Spacing {
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz");
    private static final Duration NOW_TOLERANCE = Duration.ofSeconds(59);

    /** A dealer's spacing for one channel. */
    public record Limits(Duration minimumGap, int dailyLimit) {
    }

    /** An automated touch already made to the recipient (or projected). */
    public record Touch(Instant at, boolean sales) {
    }

    /**
     * @param at the earliest instant the touch may go
     * @param sendBefore the end of the sending window holding {@code at}; null for channels without one
     * @param spacedBy why the customer's spacing moved it, or null
     * @param windowedBy why the sending window (or Florida's limit) moved it, or null
     */
    public record Slot(Instant at, Instant sendBefore, String spacedBy, String windowedBy) {
        public boolean isAt(Instant now) {
            return !at.isAfter(now.plus(NOW_TOLERANCE));
        }

        public String reasons() {
            return spacedBy == null ? windowedBy : windowedBy == null ? spacedBy : spacedBy + "; then " + windowedBy;
        }
    }

    private Spacing() {
    }

    /**
     * @param exempt the first touch of a new lead: not held back by spacing (the window and Florida's law still apply)
     * @param window the recipient's sending window, or null for a channel without one (email)
     * @param sales whether this touch is a sales message (Florida counts only those)
     * @param what "text" or "email", for the reasons
     */
    public static Slot earliest(Instant at, List<Touch> history, Limits limits, boolean exempt, ZoneId zone,
            SendingWindow window, boolean sales, String what) {
        Instant candidate = at;
        String spacedBy = null;
        String windowedBy = null;
        List<Instant> salesTouches = history.stream().filter(Touch::sales).map(Touch::at).toList();
        for (int guard = 0; guard < 20; guard++) {
            Instant before = candidate;
            if (!exempt) {
                Optional<Instant> latest = history.stream().map(Touch::at).max(Comparator.naturalOrder());
                if (latest.isPresent() && candidate.isBefore(latest.get().plus(limits.minimumGap()))) {
                    candidate = latest.get().plus(limits.minimumGap());
                    spacedBy = "customer spacing: the last automated " + what + " to this customer went out "
                            + LOCAL.format(latest.get().atZone(zone)) + ", at least " + hours(limits.minimumGap())
                            + " between automated " + what + "s";
                }
                LocalDate day = candidate.atZone(zone).toLocalDate();
                long thatDay = history.stream().filter(t -> t.at().atZone(zone).toLocalDate().equals(day)).count();
                if (thatDay >= limits.dailyLimit()) {
                    candidate = day.plusDays(1).atStartOfDay(zone).toInstant();
                    spacedBy = "customer spacing: " + thatDay + " automated " + what + "(s) already on " + day
                            + ", at most " + limits.dailyLimit() + " a day";
                }
            }
            if (window != null) {
                SendingWindow.Decision allowed = window.earliest(candidate, sales ? salesTouches : List.of());
                if (allowed.at().isAfter(candidate)) {
                    candidate = allowed.at();
                    windowedBy = allowed.deferredBecause();
                }
            }
            if (candidate.equals(before)) {
                break;
            }
        }
        return new Slot(candidate, window == null ? null : window.closingAfter(candidate), spacedBy, windowedBy);
    }

    /** An instant as the recipient reads it, e.g. "Tue 2026-12-01 21:00 CST". */
    public static String local(Instant at, ZoneId zone) {
        return at == null ? "-" : LOCAL.format(at.atZone(zone));
    }

    static String hours(Duration gap) {
        long minutes = gap.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }
}
