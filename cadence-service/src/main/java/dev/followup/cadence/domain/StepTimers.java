package dev.followup.cadence.domain;

import java.time.Instant;
import java.util.UUID;

/** Durable timers for lead steps, scheduled in the caller's transaction. */
public interface StepTimers {
    void schedule(UUID leadId, int timerVersion, Instant at);
}
