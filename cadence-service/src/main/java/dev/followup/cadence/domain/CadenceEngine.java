package dev.followup.cadence.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.followup.cadence.messaging.Commands;
import dev.followup.cadence.messaging.InboundRecords.LeadCreated;
import dev.followup.cadence.messaging.InboundRecords.LeadMerged;
import dev.followup.cadence.messaging.InboundRecords.MessageStatusChanged;
import dev.followup.cadence.messaging.InboundRecords.OptedIn;
import dev.followup.cadence.messaging.InboundRecords.OptedOut;
import dev.followup.cadence.messaging.InboundRecords.ReplyReceived;
import dev.followup.cadence.messaging.InboundRecords.StatusChanged;
import dev.followup.cadence.messaging.InboundRecords.TaskCompleted;
import dev.followup.cadence.messaging.InboundRecords.Vehicle;
import dev.followup.cadence.messaging.InboundRecords.VisitRecorded;
import dev.followup.platform.outbox.Outbox;

/**
 * The follow-up brain. Every method runs inside the caller's transaction (a consumer's inbox transaction or a
 * timer firing), locks the lead's row, changes its state, writes the resulting commands to the outbox and
 * schedules the lead's next timer, all or nothing. Re-running a method for the same input has no further effect:
 * stale timers are recognised by their version, task ids and send keys are deterministic.
 */
@ApplicationScoped
public class CadenceEngine {
    static final String FALLBACK_TEXT = "Hi {firstName}, {rep} at {dealer} here. Any questions about {vehicle}? Just reply to this text.";
    static final String WINDOW_CLOSED = "sending window closed";
    /** messaging-service's per-dealer send limits (anti-SMS-pumping): a burst, not a reason to give up on a text. */
    static final List<String> SEND_LIMITS = List.of("send rate exceeded", "daily quota", "daily text quota");
    /** A text refused for the dealer's send rate is sent again this much later (inside the window, by the timer). */
    static final Duration REPLAN_DELAY = Duration.ofMinutes(5);
    /** Re-plans of one text step ({@code ~r1} .. {@code ~rN}); past that the refusal is recorded and the text dropped. */
    static final int MAX_REPLANS = 5;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz");

    private final Clock clock;
    private final PlanCatalog plans;
    private final StepTimers timers;
    private final DecisionLog log;
    private final Outbox outbox;
    private final EntityManager entityManager;

    public CadenceEngine(dev.followup.platform.time.MovableClock clock, PlanCatalog plans, StepTimers timers, DecisionLog log, Outbox outbox,
            EntityManager entityManager) {
        this.clock = clock;
        this.plans = plans;
        this.timers = timers;
        this.log = log;
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    // ---------------------------------------------------------------- lead-events

    public void onLeadCreated(LeadCreated event) {
        if (LeadCadence.findById(event.leadId()) != null) {
            return;
        }
        Instant now = clock.instant();
        LeadCadence lead = new LeadCadence();
        lead.leadId = event.leadId();
        lead.dealerId = event.dealerId();
        lead.repId = event.assignedRepId();
        lead.source = event.source();
        if (event.customer() != null) {
            lead.firstName = MessageTemplate.clean(event.customer().firstName(), 100).orElse(null);
            lead.phone = event.customer().phone();
            lead.postalCode = event.customer().postalCode();
        }
        lead.displayName = displayName(event);
        lead.vehicle = event.vehicles() == null ? null
                : event.vehicles().stream().map(Vehicle::summary).filter(s -> s != null).findFirst()
                        .map(s -> s.length() > 200 ? s.substring(0, 200) : s).orElse(null);
        lead.textConsent = event.consent() == null || event.consent().textConsent();
        lead.receivedAt = event.receivedAt();
        lead.createdAt = now;
        lead.status = LeadCadence.ACTIVE;
        lead.planKind = PlanKind.NEW_LEAD.key();
        lead.planStartedAt = now;
        lead.persist();
        boolean showroom = "showroom".equalsIgnoreCase(event.source());
        startPlan(lead, showroom ? PlanKind.POST_VISIT : PlanKind.NEW_LEAD, now,
                showroom ? "new lead from a showroom visit" : "new lead from " + event.source());
    }

    public void onMerged(LeadMerged event) {
        LeadCadence lead = lock(event.leadId());
        if (lead == null) {
            return;
        }
        lead.merges++;
        if (lead.isDone()) {
            log.record(lead.leadId, "merge-noted", "duplicate lead from " + event.source() + " merged; the lead is closed");
        } else if (LeadCadence.PAUSED.equals(lead.status)) {
            log.record(lead.leadId, "merge-noted", "duplicate lead from " + event.source()
                    + " merged; the customer is in conversation, automation stays paused");
        } else {
            startPlan(lead, PlanKind.RE_ENGAGE, clock.instant(), "duplicate lead from " + event.source()
                    + " merged (matched on " + event.matchedOn() + "): a buying signal, re-engaging");
        }
    }

    public void onVisit(VisitRecorded event) {
        LeadCadence lead = lock(event.leadId());
        if (lead == null) {
            return;
        }
        Instant now = clock.instant();
        lead.lastVisitAt = event.visitedAt();
        if (event.repId() != null) {
            lead.repId = event.repId();
        }
        if (lead.isDone()) {
            log.record(lead.leadId, "visit-noted", "showroom visit recorded; the lead is closed");
            return;
        }
        if (PlanKind.POST_VISIT.key().equals(lead.planKind) && lead.planRun > 0
                && lead.planStartedAt.isAfter(now.minus(Duration.ofHours(1)))) {
            log.record(lead.leadId, "visit-noted", "showroom visit recorded; post-visit plan already running");
            return;
        }
        cancelTasks(lead, "automated", "customer visited the showroom: post-visit plan replaces the open plan tasks");
        startPlan(lead, PlanKind.POST_VISIT, now, "showroom visit");
    }

    public void onStatusChanged(StatusChanged event) {
        LeadCadence lead = lock(event.leadId());
        if (lead == null) {
            return;
        }
        String why = event.reason() == null ? "" : " (" + event.reason() + ")";
        switch (event.status()) {
            case "sold", "lost" -> end(lead, "lead " + event.status() + why);
            case "appointment" -> appointment(lead, event.appointmentAt(), "appointment set" + why);
            case "open" -> {
                if (lead.isDone()) {
                    startPlan(lead, PlanKind.RE_ENGAGE, clock.instant(), "lead reopened" + why);
                } else {
                    log.record(lead.leadId, "status-noted", "status " + event.previousStatus() + " -> open" + why);
                }
            }
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- message-events

    public void onReply(ReplyReceived event) {
        LeadCadence lead = lock(event.leadId());
        if (lead == null) {
            return;
        }
        switch (event.intent()) {
            case "opt-out", "opt-in" -> log.record(lead.leadId, "reply-noted",
                    "customer replied with an " + event.intent() + " keyword (handled by the opt-out state)");
            case "help" -> log.record(lead.leadId, "reply-noted", "customer asked for HELP (messaging answered with the dealer's contact)");
            default -> {
                Instant now = clock.instant();
                lead.replies++;
                if (lead.isActive()) {
                    lead.status = LeadCadence.PAUSED;
                    lead.timerVersion++;
                    log.record(lead.leadId, "paused", "customer replied: all automation paused");
                    cancelTasks(lead, "automated", "customer replied");
                }
                createTask(lead, UUID.nameUUIDFromBytes((lead.leadId + ":replied:" + event.replyId())
                        .getBytes(StandardCharsets.UTF_8)), repFor(lead, now), "replied-customer", now, 100, true,
                        "Customer replied: \"" + MessageTemplate.clean(event.body(), 400).orElse("") + "\"",
                        LeadScore.of(lead.scoreInputs(), now), "replied");
            }
        }
    }

    public void onOptedOut(OptedOut event) {
        entityManager.createNativeQuery("""
                insert into opt_out (dealer_id, phone, keyword, opted_out_at) values (?1, ?2, ?3, ?4)
                on conflict (dealer_id, phone) do update set keyword = excluded.keyword, opted_out_at = excluded.opted_out_at""")
                .setParameter(1, event.dealerId()).setParameter(2, event.phone())
                .setParameter(3, event.keyword().length() > 200 ? event.keyword().substring(0, 200) : event.keyword())
                .setParameter(4, event.optedOutAt()).executeUpdate();
        for (LeadCadence lead : leadsWithPhone(event.dealerId(), event.phone(), event.leadId())) {
            log.record(lead.leadId, "texts-stopped", "number opted out: no more texts until it opts back in; call tasks continue");
        }
    }

    public void onOptedIn(OptedIn event) {
        entityManager.createNativeQuery("delete from opt_out where dealer_id = ?1 and phone = ?2")
                .setParameter(1, event.dealerId()).setParameter(2, event.phone()).executeUpdate();
        for (LeadCadence lead : leadsWithPhone(event.dealerId(), event.phone(), event.leadId())) {
            log.record(lead.leadId, "texts-resumed", "number opted back in");
        }
    }

    /**
     * A text failed. The reaction never creates an automated text of its own: a failed text could otherwise feed a
     * loop (failed text -> fallback call over the cap -> overflow text -> failed text ...). The only texts that follow a
     * failure are the bounded re-plans of a plan step (window closed, dealer send rate or quota), keyed
     * {@code <stepKey>~rN}.
     */
    public void onMessageStatus(MessageStatusChanged event) {
        if (!"failed".equals(event.status()) && !"undelivered".equals(event.status())) {
            return;
        }
        LeadCadence lead = lock(event.leadId());
        if (lead == null || lead.isDone()) {
            return;
        }
        Instant now = clock.instant();
        String stepKey = event.idempotencyKey().contains(":")
                ? event.idempotencyKey().substring(event.idempotencyKey().indexOf(':') + 1) : event.idempotencyKey();
        String error = event.errorMessage() == null ? "" : event.errorMessage().toLowerCase(Locale.ROOT);
        String refusal = event.errorMessage() == null ? event.status() : event.errorMessage();
        if (error.contains(WINDOW_CLOSED)) {
            replan(lead, stepKey, refusal, "re-planned for the next window", now, now);
            return;
        }
        if (SEND_LIMITS.stream().anyMatch(error::contains)) {
            replan(lead, stepKey, refusal, "re-planned " + REPLAN_DELAY.toMinutes() + " minutes later",
                    now.plus(REPLAN_DELAY), now);
            return;
        }
        if (Integer.valueOf(21610).equals(event.errorCode())) {
            log.record(lead.leadId, "text-failed", "carrier reports the number opted out (21610)");
            return;
        }
        if (error.contains("opted out")) {
            // Final for this number at this dealer: blocked here too (in case the opt-out event is late or lost),
            // until it opts back in. No fallback call: calls go on with the plan's own call steps.
            entityManager.createNativeQuery("""
                    insert into opt_out (dealer_id, phone, keyword, opted_out_at) values (?1, ?2, ?3, ?4)
                    on conflict (dealer_id, phone) do nothing""")
                    .setParameter(1, lead.dealerId).setParameter(2, lead.phone)
                    .setParameter(3, bounded("refused by messaging-service: " + refusal, 200))
                    .setParameter(4, now).executeUpdate();
            log.record(lead.leadId, "text-failed", stepKey, "text", "messaging refused the text (" + refusal
                    + "): final for this number; no more texts until it opts back in, no fallback", now, null);
            return;
        }
        if (error.contains("inactive")) {
            log.record(lead.leadId, "text-failed", stepKey, "text", "messaging refused the text (" + refusal
                    + "): the dealer is inactive; no fallback call or text", now, null);
            return;
        }
        if (!lead.isActive()) {
            log.record(lead.leadId, "text-failed", "text " + stepKey + " " + event.status() + "; automation is paused, no fallback");
            return;
        }
        // Kill switch, dealer unknown to messaging, carrier failures: a call within the rep's cap, never a text.
        callStep(lead, lead.stepKey("fallback-" + Integer.toHexString(stepKey.hashCode())),
                "Text could not be delivered (" + event.status() + "): call instead", now, false);
    }

    /**
     * Sends a refused plan text again at {@code at} (or the next allowed minute after it), at most {@link #MAX_REPLANS}
     * times per step; past that, or when the text is not a plan step (an overflow text), it is recorded and dropped.
     */
    private void replan(LeadCadence lead, String stepKey, String refusal, String what, Instant at, Instant now) {
        String base = stepKey.replaceAll("~r\\d+$", "");
        if (!lead.isActive()) {
            log.record(lead.leadId, "resend-dropped", stepKey, "text", "messaging refused the text (" + refusal
                    + "); automation is paused, not re-planned", now, null);
            return;
        }
        if (planTextStep(lead, base).isEmpty()) {
            log.record(lead.leadId, "resend-dropped", stepKey, "text", "messaging refused the text (" + refusal
                    + "); not a plan text step, not re-planned and no fallback", now, null);
            return;
        }
        long replans = replansSoFar(lead, base);
        java.util.regex.Matcher attempt = java.util.regex.Pattern.compile("~r(\\d+)$").matcher(stepKey);
        long failedAttempt = attempt.find() ? Long.parseLong(attempt.group(1)) : 0;
        if (failedAttempt < replans) {
            log.record(lead.leadId, "resend-noted", stepKey, "text", "messaging refused an earlier attempt (" + refusal
                    + "); attempt ~r" + replans + " already sent", now, null);
            return;
        }
        if (replans >= MAX_REPLANS) {
            log.record(lead.leadId, "resend-dropped", stepKey, "text", "messaging refused the text (" + refusal
                    + ") after " + replans + " re-plans, the most allowed: given up, no fallback", now, null);
            return;
        }
        lead.resendStepId = base;
        lead.nextStepAt = at;
        log.record(lead.leadId, "resend-planned", stepKey, "text", "messaging refused the text: " + refusal + "; " + what
                + " (re-plan " + (replans + 1) + " of " + MAX_REPLANS + ")", at, null);
        runDue(lead, now);
    }

    /** The plan text step a step key ({@code <planKind>.<run>.<stepId>}) names, if it is one. */
    private Optional<Plan.Step> planTextStep(LeadCadence lead, String base) {
        String[] parts = base.split("\\.", 3);
        return parts.length == 3 ? PlanKind.ofKey(parts[0])
                .flatMap(kind -> plans.plan(lead.dealerId, kind).steps().stream().filter(s -> s.id().equals(parts[2])).findFirst())
                .filter(Plan.Step::isText)
                : Optional.empty();
    }

    private long replansSoFar(LeadCadence lead, String base) {
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from text_sent where lead_id = ?1 and step_id like ?2")
                .setParameter(1, lead.leadId).setParameter(2, base + "~r%").getSingleResult()).longValue();
    }

    private static String bounded(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    // ---------------------------------------------------------------- task-events

    public void onTaskCompleted(TaskCompleted event) {
        LeadCadence lead = lock(event.leadId());
        if (lead == null) {
            return;
        }
        Instant now = clock.instant();
        switch (event.outcome()) {
            case "sold", "lost" -> end(lead, "task outcome: " + event.outcome());
            case "appointment-set" -> appointment(lead, event.appointmentAt(), "task outcome: appointment set");
            default -> {
                if (lead.isDone()) {
                    log.record(lead.leadId, "outcome-noted", "task outcome " + event.outcome() + "; the lead is closed");
                    return;
                }
                if (LeadCadence.PAUSED.equals(lead.status)) {
                    lead.status = LeadCadence.ACTIVE;
                    log.record(lead.leadId, "resumed", "rep completed the " + event.kind() + " task (" + event.outcome()
                            + "): automation resumes");
                    position(lead, currentPlan(lead), lead.nextStepIndex, now, true);
                }
                if (lead.nextStepAt == null) {
                    return;
                }
                Instant before = lead.nextStepAt;
                switch (event.outcome()) {
                    case "reached" -> lead.nextStepAt = max(lead.nextStepAt, now.plus(Duration.ofDays(2)));
                    case "left-voicemail" -> lead.nextStepAt = max(lead.nextStepAt, now.plus(Duration.ofDays(1)));
                    case "no-answer" -> {
                        Plan.Step next = stepAt(lead, lead.nextStepIndex);
                        if (next != null && next.isText() && lead.nextStepAt.isAfter(now.plus(Duration.ofHours(1)))) {
                            lead.nextStepAt = now.plus(Duration.ofHours(1));
                        }
                    }
                    default -> {
                    }
                }
                log.record(lead.leadId, "outcome-noted", null, null, "task outcome " + event.outcome()
                        + (before.equals(lead.nextStepAt) ? ": plan unchanged" : ": next touch moved"), lead.nextStepAt, null);
                runDue(lead, now);
            }
        }
    }

    // ---------------------------------------------------------------- timers

    /** A lead-step timer fired: re-read the lead, act on what is due, schedule what comes next. */
    @Transactional
    public void fire(UUID leadId, int timerVersion) {
        LeadCadence lead = lock(leadId);
        if (lead == null || lead.timerVersion != timerVersion) {
            return;
        }
        runDue(lead, clock.instant());
    }

    // ---------------------------------------------------------------- plan mechanics

    private void startPlan(LeadCadence lead, PlanKind kind, Instant start, String reason) {
        Instant now = clock.instant();
        lead.planKind = kind.key();
        lead.planRun++;
        lead.planStartedAt = start;
        lead.status = LeadCadence.ACTIVE;
        lead.resendStepId = null;
        lead.timerVersion++;
        log.record(lead.leadId, "plan-started", null, null, reason + ": " + kind.key() + " plan", start, null);
        position(lead, currentPlan(lead), 0, now, false);
        runDue(lead, now);
    }

    private void appointment(LeadCadence lead, Instant appointmentAt, String reason) {
        if (appointmentAt == null) {
            log.record(lead.leadId, "status-noted", reason + " without a time: plan unchanged");
            return;
        }
        startPlan(lead, PlanKind.APPOINTMENT, appointmentAt, reason + " for " + appointmentAt);
    }

    private void end(LeadCadence lead, String reason) {
        if (lead.isDone() && lead.nextStepAt == null) {
            log.record(lead.leadId, "status-noted", reason + "; the cadence had already ended");
        } else {
            log.record(lead.leadId, "done", reason + ": cadence ended");
        }
        lead.status = LeadCadence.DONE;
        lead.nextStepAt = null;
        lead.resendStepId = null;
        lead.timerVersion++;
        cancelTasks(lead, "all", reason);
    }

    /** Points the lead at step {@code index} or later; past its last step the plan is complete. */
    private void position(LeadCadence lead, Plan plan, int index, Instant now, boolean catchingUp) {
        boolean countsBack = PlanKind.APPOINTMENT.key().equals(lead.planKind);
        while (index < plan.steps().size()) {
            Plan.Step step = plan.steps().get(index);
            Instant at = lead.planStartedAt.plus(step.offsetDuration());
            if (countsBack && step.offsetDuration().isNegative() && at.isBefore(now)) {
                log.record(lead.leadId, "step-skipped", lead.stepKey(step.id()), step.channel(),
                        "its time (" + at + ") had already passed when the plan started", now, null);
                index++;
                continue;
            }
            break;
        }
        lead.nextStepIndex = index;
        if (index >= plan.steps().size()) {
            lead.status = LeadCadence.DONE;
            lead.nextStepAt = null;
            lead.timerVersion++;
            log.record(lead.leadId, "plan-complete", lead.planKind + " plan complete: no further touches");
            return;
        }
        Instant planned = lead.planStartedAt.plus(plan.steps().get(index).offsetDuration());
        if (planned.isBefore(now)) {
            // A late step (deferred text, resumed plan) must not be followed by a burst of catch-up touches.
            planned = catchingUp ? now.plus(CadenceDefaults.CATCH_UP_GAP) : now;
        }
        lead.nextStepAt = planned;
    }

    /** Executes what is due now; schedules a timer for what is not. */
    void runDue(LeadCadence lead, Instant now) {
        for (int guard = 0; guard < 32; guard++) {
            if (!lead.isActive() || lead.nextStepAt == null) {
                return;
            }
            if (lead.nextStepAt.isAfter(now.plus(CadenceDefaults.EARLY_TOLERANCE))) {
                lead.timerVersion++;
                timers.schedule(lead.leadId, lead.timerVersion, lead.nextStepAt);
                return;
            }
            executeStep(lead, now);
        }
        throw new IllegalStateException("lead " + lead.leadId + ": too many steps due at once");
    }

    private void executeStep(LeadCadence lead, Instant now) {
        Plan plan = currentPlan(lead);
        if (lead.resendStepId != null) {
            if (resend(lead, now) == TextOutcome.DEFERRED) {
                return;
            }
            lead.resendStepId = null;
            position(lead, plan, lead.nextStepIndex, now, true);
            return;
        }
        int index = lead.nextStepIndex;
        Plan.Step step = plan.steps().get(index);
        String stepKey = lead.stepKey(step.id());
        Optional<String> skip = conditionThatSkips(lead, step);
        if (skip.isPresent()) {
            log.record(lead.leadId, "step-skipped", stepKey, step.channel(), skip.get(), now, null);
        } else if (step.isText()) {
            if (text(lead, stepKey, step.template(), purposeOf(lead, index), now) == TextOutcome.DEFERRED) {
                return;
            }
        } else {
            callStep(lead, stepKey, step.template(), now, true);
        }
        position(lead, plan, index + 1, now, true);
    }

    private TextOutcome resend(LeadCadence lead, Instant now) {
        String base = lead.resendStepId;
        Optional<Plan.Step> step = planTextStep(lead, base);
        if (step.isEmpty()) {
            log.record(lead.leadId, "resend-dropped", base, "text", "the step no longer exists in the plan", now, null);
            return TextOutcome.SKIPPED;
        }
        long earlier = replansSoFar(lead, base);
        if (earlier >= MAX_REPLANS) {
            log.record(lead.leadId, "resend-dropped", base, "text", "already re-planned " + earlier + " times, the most allowed", now, null);
            return TextOutcome.SKIPPED;
        }
        return text(lead, base + "~r" + (earlier + 1), step.get().template(),
                base.endsWith(".first-touch") ? "first-touch" : "cadence", now);
    }

    private enum TextOutcome { SENT, SKIPPED, DEFERRED }

    private TextOutcome text(LeadCadence lead, String stepKey, String template, String purpose, Instant now) {
        Dealer dealer = Dealer.findById(lead.dealerId);
        Optional<String> blocked = whyNoText(lead, dealer);
        if (blocked.isPresent()) {
            log.record(lead.leadId, "text-skipped", stepKey, "text", blocked.get(), now, null);
            return TextOutcome.SKIPPED;
        }
        SendingWindow window = windowFor(lead, dealer);
        SendingWindow.Decision when = window.earliest(now, isSalesText(purpose) ? recentSalesTexts(lead.phone, now) : List.of());
        if (when.at().isAfter(now.plus(Duration.ofSeconds(59)))) {
            lead.nextStepAt = when.at();
            log.record(lead.leadId, "text-deferred", stepKey, "text", "deferred to " + LOCAL.format(when.at().atZone(window.zone()))
                    + ": " + when.deferredBecause(), when.at(), null);
            return TextOutcome.DEFERRED;
        }
        sendText(lead, dealer, stepKey, template, purpose, now, when.sendBefore(), window.zone());
        return TextOutcome.SENT;
    }

    private void sendText(LeadCadence lead, Dealer dealer, String stepKey, String template, String purpose,
            Instant now, Instant sendBefore, ZoneId zone) {
        MessageTemplate.Rendered rendered = MessageTemplate.render(template, values(lead, dealer), !lead.firstTextSent);
        String key = lead.leadId + ":" + stepKey;
        entityManager.createNativeQuery("""
                insert into text_sent (idempotency_key, lead_id, dealer_id, phone, step_id, purpose, sent_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, key).setParameter(2, lead.leadId).setParameter(3, lead.dealerId)
                .setParameter(4, lead.phone).setParameter(5, stepKey).setParameter(6, purpose).setParameter(7, now)
                .executeUpdate();
        outbox.publish(Commands.TOPIC, lead.leadId.toString(), Commands.SEND_MESSAGE, new Commands.SendMessage(key,
                lead.leadId, lead.dealerId, lead.phone, rendered.body(), purpose, stepKey, now, sendBefore));
        lead.firstTextSent = true;
        log.record(lead.leadId, "text-sent", stepKey, "text", purpose + " text, " + rendered.segments() + " SMS segment(s) "
                + rendered.encoding() + ", to be sent before " + LOCAL.format(sendBefore.atZone(zone)), now, rendered.body());
    }

    /**
     * A candidate call task: onto the rep's list if it fits the day's cap, else an automated text (only when
     * {@code textIfOverCap}) or nothing.
     */
    private void callStep(LeadCadence lead, String stepKey, String reasonTemplate, Instant now, boolean textIfOverCap) {
        Dealer dealer = Dealer.findById(lead.dealerId);
        Rep rep = repFor(lead, now);
        if (rep == null) {
            log.record(lead.leadId, "call-skipped", stepKey, "call", "no active rep known for the dealer", now, null);
            return;
        }
        LocalDate day = now.atZone(dealer == null ? CadenceDefaults.FALLBACK_ZONE : dealer.zone()).toLocalDate();
        int onList = lockDayLoad(rep.repId, day);
        LeadScore score = LeadScore.of(lead.scoreInputs(), now);
        CallCapacity.Decision decision = CallCapacity.decide(rep.dailyCallCapacity, onList, score);
        String reason = MessageTemplate.render(reasonTemplate, values(lead, dealer), false).body();
        if (decision instanceof CallCapacity.Admit) {
            entityManager.createNativeQuery("update rep_day_load set call_tasks = call_tasks + 1 where rep_id = ?1 and day = ?2")
                    .setParameter(1, rep.repId).setParameter(2, day).executeUpdate();
            createTask(lead, UUID.nameUUIDFromBytes((lead.leadId + ":" + stepKey).getBytes(StandardCharsets.UTF_8)), rep,
                    "call", now, score.priority(), false, reason, score, stepKey);
            return;
        }
        String overflow = ((CallCapacity.Overflow) decision).reason();
        if (!textIfOverCap) {
            log.record(lead.leadId, "call-skipped", stepKey, "call", overflow + " (score " + score.value()
                    + "): fallback call over the cap; no text fallback for a failed text", now, score.factors().toString());
            return;
        }
        Optional<String> noText = whyNoText(lead, dealer);
        SendingWindow window = windowFor(lead, dealer);
        if (noText.isEmpty()) {
            SendingWindow.Decision when = window.earliest(now, recentSalesTexts(lead.phone, now));
            if (!when.at().isAfter(now.plus(Duration.ofSeconds(59)))) {
                log.record(lead.leadId, "call-overflow", stepKey, "call", overflow + " (score " + score.value()
                        + "): automated text instead", now, score.factors().toString());
                sendText(lead, dealer, stepKey + "-text", FALLBACK_TEXT, "cadence", now, when.sendBefore(), window.zone());
                return;
            }
            noText = Optional.of(when.deferredBecause());
        }
        log.record(lead.leadId, "call-skipped", stepKey, "call", overflow + " (score " + score.value()
                + "); no automated text either: " + noText.get(), now, score.factors().toString());
    }

    private void createTask(LeadCadence lead, UUID taskId, Rep rep, String kind, Instant now, int priority,
            boolean urgent, String reason, LeadScore score, String stepKey) {
        if (rep == null) {
            log.record(lead.leadId, "task-skipped", stepKey, "call", "no active rep known for the dealer: " + reason, now, null);
            return;
        }
        String boundedReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        outbox.publish(Commands.TOPIC, lead.leadId.toString(), Commands.CREATE_TASK, new Commands.CreateTask(taskId,
                lead.leadId, lead.dealerId, rep.repId, kind, now, priority, urgent, boundedReason,
                new Commands.Score(score.value(), score.factors()),
                new Commands.TaskLead(lead.displayName, lead.phone, lead.vehicle), now));
        log.record(lead.leadId, "task-created", stepKey, "call", kind + " task for rep " + rep.repId + ", priority "
                + priority + (urgent ? ", urgent (outside the daily cap)" : "") + ": " + boundedReason, now,
                "score " + score.value() + " " + score.factors());
    }

    private void cancelTasks(LeadCadence lead, String scope, String reason) {
        Instant now = clock.instant();
        outbox.publish(Commands.TOPIC, lead.leadId.toString(), Commands.CANCEL_TASKS,
                new Commands.CancelTasks(lead.leadId, lead.dealerId, scope, reason, now));
        log.record(lead.leadId, "tasks-cancelled", null, null, "cancel " + scope + " open tasks: " + reason, now, null);
    }

    // ---------------------------------------------------------------- helpers

    private LeadCadence lock(UUID leadId) {
        return LeadCadence.findById(leadId, LockModeType.PESSIMISTIC_WRITE);
    }

    Plan currentPlan(LeadCadence lead) {
        return plans.plan(lead.dealerId, PlanKind.ofKey(lead.planKind).orElse(PlanKind.NEW_LEAD));
    }

    private Plan.Step stepAt(LeadCadence lead, int index) {
        List<Plan.Step> steps = currentPlan(lead).steps();
        return index < steps.size() ? steps.get(index) : null;
    }

    static Optional<String> conditionThatSkips(LeadCadence lead, Plan.Step step) {
        for (String condition : step.conditions()) {
            if ("replied".equals(condition) && lead.replies > 0) {
                return Optional.of("skipped: the customer has replied");
            }
            if ("visited".equals(condition) && lead.lastVisitAt != null) {
                return Optional.of("skipped: the customer has visited the showroom");
            }
        }
        return Optional.empty();
    }

    static String purposeOf(LeadCadence lead, int index) {
        return switch (PlanKind.ofKey(lead.planKind).orElse(PlanKind.NEW_LEAD)) {
            case NEW_LEAD -> index == 0 && !lead.firstTextSent ? "first-touch" : "cadence";
            case POST_VISIT -> "post-visit";
            case APPOINTMENT -> "reminder";
            case RE_ENGAGE -> "cadence";
        };
    }

    static boolean isSalesText(String purpose) {
        return !"reminder".equals(purpose) && !"help-reply".equals(purpose);
    }

    Optional<String> whyNoText(LeadCadence lead, Dealer dealer) {
        if (lead.phone == null) {
            return Optional.of("no phone number to text");
        }
        if (!lead.textConsent) {
            return Optional.of("no text consent on the lead");
        }
        if (dealer != null && dealer.killSwitch) {
            return Optional.of("the dealer's kill switch is on");
        }
        if (dealer != null && !dealer.active) {
            return Optional.of("the dealer is inactive");
        }
        boolean optedOut = ((Number) entityManager.createNativeQuery(
                "select count(*) from opt_out where dealer_id = ?1 and phone = ?2")
                .setParameter(1, lead.dealerId).setParameter(2, lead.phone).getSingleResult()).longValue() > 0;
        return optedOut ? Optional.of("the number opted out") : Optional.empty();
    }

    static SendingWindow windowFor(LeadCadence lead, Dealer dealer) {
        RecipientZone.Resolved zone = RecipientZone.resolve(lead.phone, lead.postalCode,
                dealer == null ? CadenceDefaults.FALLBACK_ZONE : dealer.zone(), dealer == null ? null : dealer.state);
        return new SendingWindow(zone.zone(), zone.florida());
    }

    @SuppressWarnings("unchecked")
    private List<Instant> recentSalesTexts(String phone, Instant now) {
        List<Object> rows = entityManager.createNativeQuery("""
                select sent_at from text_sent where phone = ?1 and sent_at > ?2
                and purpose in ('first-touch', 'cadence', 'post-visit')""")
                .setParameter(1, phone).setParameter(2, now.minus(Duration.ofHours(24))).getResultList();
        return rows.stream().map(CadenceEngine::toInstant).toList();
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value);
    }

    private int lockDayLoad(UUID repId, LocalDate day) {
        entityManager.createNativeQuery("insert into rep_day_load (rep_id, day, call_tasks) values (?1, ?2, 0) on conflict do nothing")
                .setParameter(1, repId).setParameter(2, day).executeUpdate();
        return ((Number) entityManager.createNativeQuery(
                "select call_tasks from rep_day_load where rep_id = ?1 and day = ?2 for update")
                .setParameter(1, repId).setParameter(2, day).getSingleResult()).intValue();
    }

    /** The lead's rep if active, else the dealer's active rep with the fewest call tasks today. */
    Rep repFor(LeadCadence lead, Instant now) {
        if (lead.repId != null) {
            Rep rep = Rep.findById(lead.repId);
            if (rep == null) {
                // Not in the directory yet: the assigned rep with the default cap.
                rep = new Rep();
                rep.repId = lead.repId;
                rep.dealerId = lead.dealerId;
                rep.dailyCallCapacity = CallCapacity.DEFAULT_DAILY_CAP;
                rep.active = true;
                return rep;
            }
            if (rep.active) {
                return rep;
            }
        }
        List<Rep> reps = Rep.list("dealerId = ?1 and active = true and role = 'rep' order by repId", lead.dealerId);
        if (reps.isEmpty()) {
            return null;
        }
        Dealer dealer = Dealer.findById(lead.dealerId);
        LocalDate day = now.atZone(dealer == null ? CadenceDefaults.FALLBACK_ZONE : dealer.zone()).toLocalDate();
        Rep least = null;
        int leastLoad = Integer.MAX_VALUE;
        for (Rep rep : reps) {
            List<?> load = entityManager.createNativeQuery("select call_tasks from rep_day_load where rep_id = ?1 and day = ?2")
                    .setParameter(1, rep.repId).setParameter(2, day).getResultList();
            int tasks = load.isEmpty() ? 0 : ((Number) load.get(0)).intValue();
            if (tasks < leastLoad) {
                least = rep;
                leastLoad = tasks;
            }
        }
        lead.repId = least.repId;
        return least;
    }

    MessageTemplate.Values values(LeadCadence lead, Dealer dealer) {
        String repName = null;
        if (lead.repId != null) {
            Rep rep = Rep.findById(lead.repId);
            repName = rep == null || rep.name == null ? null : rep.name.split("\\s+")[0];
        }
        return new MessageTemplate.Values(lead.firstName, lead.vehicle, repName, dealer == null ? null : dealer.name);
    }

    private List<LeadCadence> leadsWithPhone(UUID dealerId, String phone, UUID eventLead) {
        List<LeadCadence> leads = LeadCadence.list("dealerId = ?1 and phone = ?2", dealerId, phone);
        if (leads.stream().noneMatch(l -> l.leadId.equals(eventLead))) {
            LeadCadence lead = LeadCadence.findById(eventLead);
            if (lead != null) {
                leads = new java.util.ArrayList<>(leads);
                leads.add(lead);
            }
        }
        return leads;
    }

    private static String displayName(LeadCreated event) {
        if (event.customer() != null) {
            String name = ((event.customer().firstName() == null ? "" : event.customer().firstName()) + " "
                    + (event.customer().lastName() == null ? "" : event.customer().lastName())).trim();
            Optional<String> clean = MessageTemplate.clean(name, 200);
            if (clean.isPresent()) {
                return clean.get();
            }
        }
        return "Lead from " + event.source();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
