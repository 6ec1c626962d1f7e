package dev.followup.cadence.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.followup.cadence.domain.plan.Channel;
import dev.followup.platform.time.MovableClock;
import dev.followup.platform.transactions.BatchedInserts;

/**
 * Records every decision about a lead with its reason (table decision); the timeline reads it back. The rows are
 * written when the transaction commits ({@link BatchedInserts}): nothing reads them inside it.
 */
@ApplicationScoped
public class DecisionLog {
    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final int MAX_REASON = 500;
    private static final String INSERT = """
            insert into decision (lead_id, decided_at, effective_at, kind, step_id, channel, reason, detail)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";
    private final Clock clock;
    private final BatchedInserts inserts;

    public DecisionLog(MovableClock clock, BatchedInserts inserts) {
        this.clock = clock;
        this.inserts = inserts;
    }

    /**
     * @param effectiveAt when it takes effect (the new time of a deferred touch); null: now
     * @param detail what was sent (the rendered text), or the score factors of a task
     */
    public void record(UUID leadId, DecisionKind kind, String stepKey, Channel channel, String reason, Instant effectiveAt,
            String detail) {
        Instant decidedAt = clock.instant();
        inserts.add(INSERT, leadId, decidedAt, effectiveAt != null ? effectiveAt : decidedAt, kind.wire(), stepKey,
                channel == null ? null : channel.wire(), reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason,
                detail);
        LOG.infof("lead %s: %s %s (%s)", leadId, kind.wire(), stepKey == null ? "" : stepKey, reason);
    }

    public void record(UUID leadId, DecisionKind kind, String reason) {
        record(leadId, kind, null, null, reason, null, null);
    }

    public List<DecisionRecord> of(UUID leadId) {
        return DecisionRecord.list("leadId = ?1 order by id", leadId);
    }
}
