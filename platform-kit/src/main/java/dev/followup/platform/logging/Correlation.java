package dev.followup.platform.logging;

import java.util.UUID;

import org.jboss.logging.MDC;

/**
 * The ids that follow a lead through every service's logs: {@code leadId}, and {@code eventId} / {@code eventType}
 * of the CloudEvent being handled. They go into the logging context (MDC) for the duration of a scope, so every log
 * line written meanwhile carries them (the JSON console log prints the MDC), and one grep of a lead id follows the
 * lead across the services.
 */
public final class Correlation implements AutoCloseable {
    public static final String LEAD_ID = "leadId";
    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";

    private final Object previousLead;
    private final Object previousEvent;
    private final Object previousType;

    private Correlation(String leadId, UUID eventId, String eventType) {
        previousLead = MDC.get(LEAD_ID);
        previousEvent = MDC.get(EVENT_ID);
        previousType = MDC.get(EVENT_TYPE);
        put(LEAD_ID, leadId);
        put(EVENT_ID, eventId == null ? null : eventId.toString());
        put(EVENT_TYPE, eventType);
    }

    /** While handling one event; {@code leadId} may be null (directory records). */
    public static Correlation ofEvent(String leadId, UUID eventId, String eventType) {
        return new Correlation(leadId, eventId, eventType);
    }

    /** While working on one lead outside an event (a request about it, a timer firing for it). */
    public static Correlation ofLead(UUID leadId) {
        return new Correlation(leadId == null ? null : leadId.toString(), null, null);
    }

    @Override
    public void close() {
        restore(LEAD_ID, previousLead);
        restore(EVENT_ID, previousEvent);
        restore(EVENT_TYPE, previousType);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
