package dev.followup.cadence.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** Records every decision about a lead with its reason (table decision); the timeline reads it back. */
@ApplicationScoped
public class DecisionLog {
    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private final Clock clock;

    public DecisionLog(dev.followup.platform.time.MovableClock clock) {
        this.clock = clock;
    }

    public void record(UUID leadId, String kind, String stepId, String channel, String reason, Instant effectiveAt,
            String detail) {
        DecisionRecord decision = new DecisionRecord();
        decision.leadId = leadId;
        decision.decidedAt = clock.instant();
        decision.effectiveAt = effectiveAt != null ? effectiveAt : decision.decidedAt;
        decision.kind = kind;
        decision.stepId = stepId;
        decision.channel = channel;
        decision.reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        decision.detail = detail;
        decision.persist();
        LOG.debugf("lead %s: %s %s (%s)", leadId, kind, stepId == null ? "" : stepId, reason);
    }

    public void record(UUID leadId, String kind, String reason) {
        record(leadId, kind, null, null, reason, null, null);
    }

    public List<DecisionRecord> of(UUID leadId) {
        return DecisionRecord.list("leadId = ?1 order by id", leadId);
    }
}
