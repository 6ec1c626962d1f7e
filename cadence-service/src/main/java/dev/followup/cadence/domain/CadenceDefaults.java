package dev.followup.cadence.domain;

import java.time.Duration;
import java.time.ZoneId;

final class CadenceDefaults {
    /** Used only when neither the phone, the postal code nor a known dealer gives a zone. */
    static final ZoneId FALLBACK_ZONE = ZoneId.of("America/New_York");
    /** When a plan catches up on steps whose time has passed, touches are spaced at least this much. */
    static final Duration CATCH_UP_GAP = Duration.ofHours(1);
    /** A due step may run this much early (timer polling, clock skew) without being re-scheduled. */
    static final Duration EARLY_TOLERANCE = Duration.ofSeconds(1);

    private CadenceDefaults() {
    }
}
