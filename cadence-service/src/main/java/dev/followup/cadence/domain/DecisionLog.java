package dev.followup.cadence.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.followup.cadence.domain.plan.Channel;
import dev.followup.platform.time.MovableClock;

/** Records every decision about a lead with its reason (table decision); the timeline reads it back. */
@ApplicationScoped
public class DecisionLog {
    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final int MAX_REASON = 500;
    private final Clock clock;

    public DecisionLog(MovableClock clock) {
        this.clock = clock;
    }

    /**
     * @param effectiveAt when it takes effect (the new time of a deferred touch); null: now
     * @param detail what was sent (the rendered text), or the score factors of a task
     */
    public void record(UUID leadId, DecisionKind kind, String stepKey, Channel channel, String reason, Instant effectiveAt,
            String detail) {
        DecisionRecord decision = new DecisionRecord();
        decision.leadId = leadId;
        decision.decidedAt = clock.instant();
        decision.effectiveAt = effectiveAt != null ? effectiveAt : decision.decidedAt;
        decision.kind = kind.wire();
        decision.stepId = stepKey;
        decision.channel = channel == null ? null : channel.wire();
        decision.reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        decision.detail = detail;
        decision.persist();
        LOG.infof("lead %s: %s %s (%s)", leadId, kind.wire(), stepKey == null ? "" : stepKey, reason);
    }

    public void record(UUID leadId, DecisionKind kind, String reason) {
        record(leadId, kind, null, null, reason, null, null);
    }

    public List<DecisionRecord> of(UUID leadId) {
        return DecisionRecord.list("leadId = ?1 order by id", leadId);
    }
}
