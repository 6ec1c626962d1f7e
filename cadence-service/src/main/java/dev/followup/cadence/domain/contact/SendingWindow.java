package dev.followup.cadence.domain.contact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * When a text may go to a recipient: 8:00-21:00 in the recipient's local time, 8:00-20:00 and at most 3 texts in
 * any 24 hours where Florida's rules apply. Pure: the caller passes "now", the zone and the texts already sent.
 */
public final class SendingWindow {
    public static final LocalTime OPENS = LocalTime.of(8, 0);
    public static final LocalTime CLOSES = LocalTime.of(21, 0);
    public static final LocalTime FLORIDA_CLOSES = LocalTime.of(20, 0);
    public static final int FLORIDA_TEXTS_PER_DAY = 3;

    private final ZoneId zone;
    private final boolean florida;

    public SendingWindow(ZoneId zone, boolean florida) {
        this.zone = zone;
        this.florida = florida;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean florida() {
        return florida;
    }

    public LocalTime closes() {
        return florida ? FLORIDA_CLOSES : CLOSES;
    }

    public boolean isOpen(Instant at) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(OPENS) && local.isBefore(closes());
    }

    /** The end of the window that contains {@code at} (only meaningful when {@link #isOpen}). */
    public Instant closingAfter(Instant at) {
        return ZonedDateTime.of(at.atZone(zone).toLocalDate(), closes(), zone).toInstant();
    }

    /**
     * The earliest instant at or after {@code at} when a text may go.
     *
     * @param recentTexts instants of texts already sent to this recipient (any order); only Florida counts them
     */
    public Decision earliest(Instant at, List<Instant> recentTexts) {
        Instant candidate = at;
        String reason = null;
        for (int guard = 0; guard < 10; guard++) {
            if (!isOpen(candidate)) {
                candidate = nextOpening(candidate);
                if (reason == null) {
                    reason = "outside the sending window " + OPENS + "-" + closes() + " " + zone.getId();
                }
            }
            if (!florida) {
                break;
            }
            Instant capFree = capFreeFrom(candidate, recentTexts);
            if (!capFree.isAfter(candidate)) {
                break;
            }
            candidate = capFree;
            reason = "Florida limit of " + FLORIDA_TEXTS_PER_DAY + " texts in 24 hours";
        }
        return new Decision(candidate, reason, closingAfter(candidate));
    }

    /** @param at when the text may go; @param deferredBecause null when it may go at once; @param sendBefore end of that window */
    public record Decision(Instant at, String deferredBecause, Instant sendBefore) {
        public boolean deferred() {
            return deferredBecause != null;
        }
    }

    /** 8:00 local on the same day if before it, else on the next day; DST-safe because 8:00 always exists in US zones. */
    Instant nextOpening(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalTime().isBefore(OPENS) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, OPENS, zone).toInstant();
    }

    private static Instant capFreeFrom(Instant at, List<Instant> recentTexts) {
        List<Instant> inLastDay = recentTexts.stream()
                .filter(t -> t.isAfter(at.minus(Duration.ofHours(24))) && !t.isAfter(at))
                .sorted(Comparator.reverseOrder()).toList();
        if (inLastDay.size() < FLORIDA_TEXTS_PER_DAY) {
            return at;
        }
        // The (n)th most recent text must leave the 24 h window before another may go.
        return inLastDay.get(FLORIDA_TEXTS_PER_DAY - 1).plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
    }
}
