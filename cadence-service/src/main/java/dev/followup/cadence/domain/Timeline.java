package dev.followup.cadence.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** What was done for a lead (the decision log) and what its plan will do next (projected with the same rules). */
@ApplicationScoped
public class Timeline {
    private final Clock clock;
    private final PlanCatalog plans;
    private final DecisionLog log;
    private final CadenceEngine engine;

    public Timeline(dev.followup.platform.time.MovableClock clock, PlanCatalog plans, DecisionLog log, CadenceEngine engine) {
        this.clock = clock;
        this.plans = plans;
        this.log = log;
        this.engine = engine;
    }

    /**
     * @param state done or planned
     * @param at when it happened, or when it is planned (after sending-window adjustments)
     */
    public record Entry(String state, Instant at, String kind, String stepId, String channel, String reason,
            String detail) {
    }

    public record LeadTimeline(UUID leadId, String status, String planKind, Instant planStartedAt, String zone,
            boolean floridaRules, List<Entry> entries) {
    }

    public LeadTimeline of(LeadCadence lead) {
        Dealer dealer = Dealer.findById(lead.dealerId);
        SendingWindow window = CadenceEngine.windowFor(lead, dealer);
        List<Entry> entries = new ArrayList<>();
        for (DecisionRecord d : log.of(lead.leadId)) {
            entries.add(new Entry("done", d.effectiveAt, d.kind, d.stepId, d.channel, d.reason, d.detail));
        }
        if (!lead.isDone() && lead.nextStepAt != null) {
            Plan plan = engine.currentPlan(lead);
            String pausedNote = LeadCadence.PAUSED.equals(lead.status) ? " (automation paused: waits for the rep)" : "";
            for (Projected p : project(lead, plan, lead.nextStepIndex, lead.planStartedAt, lead.nextStepAt, window,
                    engine.values(lead, dealer))) {
                entries.add(new Entry("planned", p.at(), p.step().isText() ? "text" : "call-task",
                        lead.stepKey(p.step().id()), p.step().channel(), p.reason() + pausedNote, p.body()));
            }
        }
        return new LeadTimeline(lead.leadId, lead.status, lead.planKind, lead.planStartedAt, window.zone().getId(),
                window.florida(), entries);
    }

    public record Projected(Plan.Step step, Instant at, String reason, String body, Integer segments) {
    }

    /** Projects a plan's steps from {@code fromIndex}: times after window deferrals, catch-up spacing, Florida cap. */
    public static List<Projected> project(LeadCadence lead, Plan plan, int fromIndex, Instant planStart,
            Instant firstAt, SendingWindow window, MessageTemplate.Values values) {
        List<Projected> out = new ArrayList<>();
        List<Instant> texts = new ArrayList<>();
        Instant last = null;
        boolean firstText = !lead.firstTextSent;
        for (int i = fromIndex; i < plan.steps().size(); i++) {
            Plan.Step step = plan.steps().get(i);
            Instant planned = planStart.plus(step.offsetDuration());
            if (i == fromIndex && firstAt != null && firstAt.isAfter(planned)) {
                planned = firstAt;
            }
            if (last != null && planned.isBefore(last)) {
                planned = last.plus(CadenceDefaults.CATCH_UP_GAP);
            }
            if (step.offsetDuration().isNegative() && planned.isBefore(firstAt == null ? planStart : firstAt)) {
                continue;
            }
            String skip = CadenceEngine.conditionThatSkips(lead, step).orElse(null);
            if (step.isText()) {
                SendingWindow.Decision d = window.earliest(planned, texts);
                texts.add(d.at());
                MessageTemplate.Rendered r = MessageTemplate.render(step.template(), values, firstText);
                firstText = false;
                String reason = skip != null ? skip : d.deferred() ? "text, deferred: " + d.deferredBecause() : "text";
                out.add(new Projected(step, d.at(), reason, r.body(), r.segments()));
                last = d.at();
            } else {
                String reason = skip != null ? skip : "call task candidate (subject to the rep's daily cap and ranking)";
                out.add(new Projected(step, planned, reason, MessageTemplate.render(step.template(), values, false).body(), null));
                last = planned;
            }
        }
        return out;
    }

    public Instant now() {
        return clock.instant();
    }
}
