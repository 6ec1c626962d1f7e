package dev.followup.platform.time;

import java.time.ZoneId;

/** Time-zone defaults every service shares. */
public final class Zones {
    /**
     * Used only where nothing better is known: no zone from the customer's phone or postal code and no (valid) dealer
     * zone. US Eastern, where most of the US population lives, so an unknown recipient is never texted earlier than
     * 8:00 on the East Coast.
     */
    public static final ZoneId FALLBACK = ZoneId.of("America/New_York");

    private Zones() {
    }

    /** The zone named, or {@link #FALLBACK} when the name is missing or not an IANA zone. */
    public static ZoneId orFallback(String name) {
        if (name == null || name.isBlank()) {
            return FALLBACK;
        }
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            return FALLBACK;
        }
    }
}
