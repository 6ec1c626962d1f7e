package dev.followup.lead.domain;

import dev.followup.platform.time.MovableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.followup.lead.kafka.LeadTopics;
import dev.followup.lead.kafka.StatusChanged;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.outbox.Outbox;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** What a dealer does with its leads after intake: read them, record visits, move their status. */
@ApplicationScoped
public class LeadActions {
    private final LeadIntake intake;
    private final Outbox outbox;
    private final MovableClock clock;

    public LeadActions(LeadIntake intake, Outbox outbox, MovableClock clock) {
        this.intake = intake;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Another dealer's lead is "not found", exactly like a lead that does not exist. */
    public Lead lead(UUID dealerId, UUID leadId) {
        Lead lead = Lead.findById(leadId);
        if (lead == null || !lead.dealerId.equals(dealerId)) {
            throw ProblemException.notFound("Lead " + leadId);
        }
        return lead;
    }

    public List<LeadMerge> merges(UUID leadId) {
        return LeadMerge.list("leadId = ?1 order by mergedAt", leadId);
    }

    public List<Visit> visits(UUID leadId) {
        return Visit.list("leadId = ?1 order by visitedAt", leadId);
    }

    public record PageOfLeads(List<Lead> items, long total) {
    }

    public PageOfLeads list(UUID dealerId, String status, String source, Instant since, int page, int size) {
        List<String> where = new ArrayList<>(List.of("dealerId = :dealer"));
        Parameters parameters = Parameters.with("dealer", dealerId);
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (source != null) {
            where.add("source = :source");
            parameters.and("source", source);
        }
        if (since != null) {
            where.add("receivedAt >= :since");
            parameters.and("since", since);
        }
        PanacheQuery<Lead> query = Lead.find(String.join(" and ", where),
                Sort.descending("receivedAt").and("id", Sort.Direction.Descending), parameters);
        return new PageOfLeads(query.page(Page.of(page, size)).list(), query.count());
    }

    @Transactional
    public Visit recordVisit(UUID dealerId, UUID leadId, Instant visitedAt, UUID repId, String notes) {
        lockedLead(dealerId, leadId);
        intake.requireRep(dealerId, repId, "repId");
        Lead lead = Lead.findById(leadId);
        Instant now = clock.instant();
        return intake.recordVisit(lead, visitedAt == null ? now : visitedAt, repId, notes, false, now);
    }

    @Transactional
    public Lead changeStatus(UUID dealerId, UUID leadId, String requested, Instant appointmentAt, String reason,
            String changedBy) {
        Lead lead = lockedLead(dealerId, leadId);
        LeadStatus previous = LeadStatus.fromWire(lead.status);
        LeadStatus next = previous.moveTo(requested, appointmentAt);
        Instant now = clock.instant();
        lead.status = next.wire();
        lead.appointmentAt = next == LeadStatus.APPOINTMENT ? appointmentAt : null;
        lead.statusReason = reason;
        lead.updatedAt = now;
        outbox.publish(LeadTopics.LEAD_EVENTS, lead.id.toString(), LeadTopics.STATUS_CHANGED, new StatusChanged(lead.id,
                lead.dealerId, previous.wire(), next.wire(), lead.appointmentAt, reason, now, changedBy));
        return lead;
    }

    private Lead lockedLead(UUID dealerId, UUID leadId) {
        Lead lead = Lead.findById(leadId, LockModeType.PESSIMISTIC_WRITE);
        if (lead == null || !lead.dealerId.equals(dealerId)) {
            throw ProblemException.notFound("Lead " + leadId);
        }
        return lead;
    }
}
