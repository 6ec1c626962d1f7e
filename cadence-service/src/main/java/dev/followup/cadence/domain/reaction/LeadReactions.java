package dev.followup.cadence.domain.reaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.FollowUpCommands.TaskScope;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.LeadPlans;
import dev.followup.cadence.domain.contact.ContactPolicies;
import dev.followup.cadence.domain.desk.RepDesk;
import dev.followup.cadence.domain.plan.PlanKind;
import dev.followup.platform.time.MovableClock;

/** Reactions to lead-events: a new lead, a duplicate merged into one, a showroom visit, a status change. */
@ApplicationScoped
public class LeadReactions {
    public record NewLead(UUID leadId, UUID dealerId, String source, UUID assignedRepId, String firstName,
            String displayName, String phone, String email, String postalCode, String vehicle, boolean textConsent,
            Instant receivedAt) {
    }

    public record DuplicateLead(UUID leadId, String source, String matchedOn) {
    }

    public record Visit(UUID leadId, Instant visitedAt, UUID repId) {
    }

    public enum Status { OPEN, APPOINTMENT, SOLD, LOST }

    public record StatusChange(UUID leadId, String previousStatus, Status status, Instant appointmentAt, String reason) {
    }

    private final LeadPlans plans;
    private final DecisionLog log;
    private final RepDesk desk;
    private final ContactPolicies policies;
    private final Clock clock;

    public LeadReactions(LeadPlans plans, DecisionLog log, RepDesk desk, ContactPolicies policies, MovableClock clock) {
        this.plans = plans;
        this.log = log;
        this.desk = desk;
        this.policies = policies;
        this.clock = clock;
    }

    public void onCreated(NewLead event) {
        if (LeadCadence.findById(event.leadId()) != null) {
            return;
        }
        Instant now = clock.instant();
        LeadCadence lead = new LeadCadence();
        lead.leadId = event.leadId();
        lead.dealerId = event.dealerId();
        lead.repId = event.assignedRepId();
        lead.source = event.source();
        lead.firstName = event.firstName();
        lead.displayName = event.displayName();
        lead.phone = event.phone();
        lead.email = event.email();
        lead.postalCode = event.postalCode();
        lead.vehicle = event.vehicle();
        lead.textConsent = event.textConsent();
        lead.receivedAt = event.receivedAt();
        lead.createdAt = now;
        lead.lastBuyingSignalAt = now;
        lead.status = LeadCadence.ACTIVE;
        lead.planKind = PlanKind.NEW_LEAD.key();
        lead.planStartedAt = now;
        lead.persist();
        if ("showroom".equalsIgnoreCase(event.source())) {
            plans.start(lead, PlanKind.POST_VISIT, now, "new lead from a showroom visit");
        } else if ((lead.phone == null || !lead.textConsent) && lead.email != null) {
            plans.start(lead, PlanKind.EMAIL_FIRST, now, "new lead from " + event.source()
                    + (lead.phone == null ? " with an email but no phone" : " with an email and no text consent"));
        } else {
            plans.start(lead, PlanKind.NEW_LEAD, now, "new lead from " + event.source());
        }
    }

    /**
     * A duplicate is a buying signal, but eight copies of one form are one signal: duplicates within the dealer's
     * merge window of the last reaction coalesce into it, so copies never become extra touches.
     */
    public void onMerged(DuplicateLead event) {
        LeadCadence lead = plans.lock(event.leadId());
        if (lead == null) {
            return;
        }
        Instant now = clock.instant();
        lead.merges++;
        String what = "duplicate lead from " + event.source() + " merged (matched on " + event.matchedOn() + ")";
        Duration window = policies.of(lead.dealerId).mergeWindow();
        if (lead.isDone()) {
            log.record(lead.leadId, DecisionKind.MERGE_NOTED, what + "; the lead is closed");
        } else if (lead.isPaused()) {
            log.record(lead.leadId, DecisionKind.MERGE_NOTED, what + "; the customer is in conversation, automation stays paused");
        } else if (lead.lastBuyingSignalAt != null && now.isBefore(lead.lastBuyingSignalAt.plus(window))) {
            log.record(lead.leadId, DecisionKind.MERGE_COALESCED, what + " within " + window.toMinutes()
                    + " min of the last buying-signal reaction (" + lead.lastBuyingSignalAt + "): coalesced into it, no new touch");
        } else {
            lead.lastBuyingSignalAt = now;
            plans.start(lead, PlanKind.RE_ENGAGE, now, what + ": a buying signal, re-engaging");
        }
    }

    public void onVisit(Visit event) {
        LeadCadence lead = plans.lock(event.leadId());
        if (lead == null) {
            return;
        }
        Instant now = clock.instant();
        lead.lastVisitAt = event.visitedAt();
        if (event.repId() != null) {
            lead.repId = event.repId();
        }
        if (lead.isDone()) {
            log.record(lead.leadId, DecisionKind.VISIT_NOTED, "showroom visit recorded; the lead is closed");
            return;
        }
        if (lead.plan() == PlanKind.POST_VISIT && !lead.isIdle() && lead.planStartedAt.isAfter(now.minus(Duration.ofHours(1)))) {
            log.record(lead.leadId, DecisionKind.VISIT_NOTED, "showroom visit recorded; post-visit plan already running");
            return;
        }
        desk.cancelTasks(lead, TaskScope.AUTOMATED, "customer visited the showroom: post-visit plan replaces the open plan tasks", now);
        plans.start(lead, PlanKind.POST_VISIT, now, "showroom visit");
    }

    public void onStatusChanged(StatusChange event) {
        LeadCadence lead = plans.lock(event.leadId());
        if (lead == null) {
            return;
        }
        String why = event.reason() == null ? "" : " (" + event.reason() + ")";
        switch (event.status()) {
            case SOLD, LOST -> plans.end(lead, "lead " + event.status().name().toLowerCase() + why);
            case APPOINTMENT -> plans.appointment(lead, event.appointmentAt(), "appointment set" + why);
            case OPEN -> {
                if (lead.isIdle()) {
                    plans.start(lead, PlanKind.RE_ENGAGE, clock.instant(), "lead reopened" + why);
                } else {
                    log.record(lead.leadId, DecisionKind.STATUS_NOTED, "status " + event.previousStatus() + " -> open" + why);
                }
            }
        }
    }
}
