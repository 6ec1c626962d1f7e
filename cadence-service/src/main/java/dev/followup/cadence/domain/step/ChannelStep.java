package dev.followup.cadence.domain.step;

import java.time.Instant;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.plan.PlanRunner;

/** What a due plan step of one channel does: decides whether it may go now, renders it and emits its command. */
public interface ChannelStep {
    PlanRunner.Result run(LeadCadence lead, PlanRunner.DueStep due, Instant now);
}
