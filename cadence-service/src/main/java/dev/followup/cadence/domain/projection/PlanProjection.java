package dev.followup.cadence.domain.projection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.DecisionRecord;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.contact.ContactLedger;
import dev.followup.cadence.domain.contact.ContactPolicies;
import dev.followup.cadence.domain.contact.RecipientZone;
import dev.followup.cadence.domain.contact.TouchRules;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.plan.MessageTemplate;
import dev.followup.cadence.domain.plan.Plan;
import dev.followup.cadence.domain.plan.PlanCatalog;
import dev.followup.cadence.domain.plan.PlanKind;
import dev.followup.cadence.domain.plan.PlanRunner;
import dev.followup.cadence.domain.step.TouchContent;
import dev.followup.platform.time.MovableClock;

/**
 * What a lead's plan will do next, and what a hypothetical lead's plan would do: the plan runner and the touch
 * rules of the live follow-up, run forward on a copy of the lead against the ledger as it stands plus the touches
 * projected so far. Sends nothing, stores nothing.
 */
@ApplicationScoped
public class PlanProjection {
    private static final int MOST_PASSES = 64;

    /**
     * @param state done (from the decision log) or planned (projected)
     * @param at when it happened, or when it is planned (after the window and the customer's spacing)
     */
    public record Entry(String state, Instant at, String kind, String stepId, String channel, String reason, String detail) {
    }

    public record LeadTimeline(UUID leadId, String status, String planKind, Instant planStartedAt, String zone,
            boolean floridaRules, List<Entry> entries) {
    }

    /** A lead that does not exist: who it would be, what plan, from when. */
    public record Hypothetical(UUID dealerId, PlanKind plan, Instant startAt, String source, String firstName,
            String phone, String email, String postalCode, String vehicle, String repName) {
    }

    public record Preview(PlanKind plan, RecipientZone.Resolved zone, List<ProjectedStep> steps) {
    }

    private final PlanCatalog plans;
    private final DecisionLog log;
    private final ContactLedger ledger;
    private final ContactPolicies policies;
    private final Directory directory;
    private final Clock clock;

    public PlanProjection(PlanCatalog plans, DecisionLog log, ContactLedger ledger, ContactPolicies policies,
            Directory directory, MovableClock clock) {
        this.plans = plans;
        this.log = log;
        this.ledger = ledger;
        this.policies = policies;
        this.directory = directory;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public LeadTimeline timeline(LeadCadence lead) {
        Instant now = clock.instant();
        Dealer dealer = directory.dealer(lead.dealerId);
        RecipientZone.Resolved zone = TouchRules.zoneOf(lead, dealer);
        List<Entry> entries = new ArrayList<>();
        for (DecisionRecord d : log.of(lead.leadId)) {
            entries.add(new Entry("done", d.effectiveAt, d.kind, d.stepId, d.channel, d.reason, d.detail));
        }
        if (!lead.isIdle() && lead.nextStepAt != null) {
            String paused = lead.isPaused() ? " (automation paused: waits for the rep)" : "";
            LeadCadence copy = lead.copy();
            copy.status = LeadCadence.ACTIVE;
            ProjectedActions actions = new ProjectedActions(dealer, policies.of(lead.dealerId),
                    new SimulatedRecipients(ledger.of(lead.dealerId, now)), TouchContent.values(lead, dealer, directory.rep(lead.repId)));
            for (ProjectedStep p : project(copy, plans.plan(lead.dealerId, lead.plan()), actions, now)) {
                entries.add(new Entry("planned", p.at(), p.kind(), p.stepKey(), p.channel().wire(), p.reason() + paused, p.body()));
            }
        }
        return new LeadTimeline(lead.leadId, lead.status, lead.planKind, lead.planStartedAt, zone.zone().getId(),
                zone.florida(), entries);
    }

    public Preview preview(Hypothetical who) {
        Dealer dealer = directory.dealer(who.dealerId());
        LeadCadence lead = new LeadCadence();
        lead.leadId = new UUID(0, 0);
        lead.dealerId = who.dealerId();
        lead.phone = who.phone();
        lead.email = who.email();
        lead.postalCode = who.postalCode();
        lead.firstName = who.firstName();
        lead.vehicle = who.vehicle();
        lead.textConsent = true;
        lead.source = who.source() == null ? "website" : who.source();
        lead.receivedAt = who.startAt();
        lead.createdAt = who.startAt();
        Plan plan = plans.plan(who.dealerId(), who.plan());
        MessageTemplate.Values values = new MessageTemplate.Values(who.firstName(), who.vehicle(), who.repName(),
                dealer == null ? null : dealer.name);
        ProjectedActions actions = new ProjectedActions(dealer, policies.of(who.dealerId()),
                new SimulatedRecipients(SimulatedRecipients.nobody()), values);
        // An appointment plan counts back from the appointment: its reminders still ahead of now are the ones to show.
        Instant from = who.plan() == PlanKind.APPOINTMENT && who.startAt().isAfter(clock.instant()) ? clock.instant() : who.startAt();
        PlanRunner.start(lead, who.plan(), plan, who.startAt(), from, actions);
        return new Preview(who.plan(), TouchRules.zoneOf(lead, dealer), project(lead, plan, actions, from));
    }

    private static List<ProjectedStep> project(LeadCadence lead, Plan plan, ProjectedActions actions, Instant from) {
        for (int pass = 0; pass < MOST_PASSES && lead.isActive() && lead.nextStepAt != null; pass++) {
            Instant at = lead.nextStepAt.isBefore(from) ? from : lead.nextStepAt;
            PlanRunner.runDue(lead, plan, at, actions);
        }
        return actions.steps();
    }

}
