package dev.followup.cadence.domain.reaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.config.CadenceSettings;
import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.LeadPlans;
import dev.followup.cadence.domain.contact.ContactLedger;
import dev.followup.cadence.domain.plan.Channel;
import dev.followup.cadence.domain.plan.PlanRunner;
import dev.followup.cadence.domain.step.CallStep;
import dev.followup.platform.time.MovableClock;

/**
 * Reactions to a text or email that did not go out, by the typed reason messaging gives. A failure never creates an
 * automated touch of its own (a failed text could otherwise feed a loop: failed text, fallback call over the cap,
 * overflow text, failed text ...). The only touches that follow a failure are the bounded retries of a plan step
 * whose refusal was about timing (the sending window closed while it waited, the carrier asked to slow down).
 */
@ApplicationScoped
public class DeliveryReactions {
    /** Why a touch did not go out (message.status-changed.v2 / email.failed.v1 reason). */
    public enum Reason {
        WINDOW_CLOSED, RATE_LIMITED, QUOTA_REACHED, OPTED_OUT, DEALER_INACTIVE, KILL_SWITCH, DEALER_UNKNOWN, NO_SENDER,
        INVALID_RECIPIENT, CARRIER_ERROR, NOT_SENT, UNCONFIRMED;

        /** Only a send whose outcome is unknown may have reached the customer; every other failure did not. */
        boolean mayHaveReachedTheCustomer() {
            return this == UNCONFIRMED;
        }
    }

    public record Failure(UUID leadId, Channel channel, String idempotencyKey, Reason reason, Integer errorCode, String detail) {
    }

    static final Duration RATE_RETRY_DELAY = Duration.ofMinutes(5);
    private static final Pattern ATTEMPT = Pattern.compile("~r(\\d+)$");

    private final LeadPlans plans;
    private final CallStep calls;
    private final ContactLedger ledger;
    private final DecisionLog log;
    private final CadenceSettings settings;
    private final Clock clock;

    public DeliveryReactions(LeadPlans plans, CallStep calls, ContactLedger ledger, DecisionLog log,
            CadenceSettings settings, MovableClock clock) {
        this.plans = plans;
        this.calls = calls;
        this.ledger = ledger;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
    }

    public void onFailed(Failure failure) {
        LeadCadence lead = plans.lock(failure.leadId());
        if (lead == null || lead.isDone()) {
            return;
        }
        Instant now = clock.instant();
        String stepKey = failure.idempotencyKey().contains(":")
                ? failure.idempotencyKey().substring(failure.idempotencyKey().indexOf(':') + 1) : failure.idempotencyKey();
        DecisionKind failed = failure.channel() == Channel.EMAIL ? DecisionKind.EMAIL_FAILED : DecisionKind.TEXT_FAILED;
        String refusal = failure.reason().name().toLowerCase().replace('_', ' ')
                + (failure.detail() == null ? "" : " (" + failure.detail() + ")");
        if (!failure.reason().mayHaveReachedTheCustomer()) {
            boolean textedBefore = ledger.forget(failure.idempotencyKey(), lead.leadId);
            if (failure.channel() == Channel.TEXT && !textedBefore) {
                lead.firstTextSent = false; // the next text is the first the customer gets: it carries the opt-out wording
            }
        }
        switch (failure.reason()) {
            case WINDOW_CLOSED -> retry(lead, stepKey, failure.channel(), refusal, "for the next sending window", now, now);
            case RATE_LIMITED -> retry(lead, stepKey, failure.channel(), refusal,
                    RATE_RETRY_DELAY.toMinutes() + " minutes later", now.plus(RATE_RETRY_DELAY), now);
            case QUOTA_REACHED, DEALER_INACTIVE -> log.record(lead.leadId, failed, stepKey, failure.channel(),
                    "not sent: " + refusal + "; given up, no fallback", now, null);
            case OPTED_OUT -> {
                // Final for this address at this dealer: blocked here too, in case the opt-out event is late or lost.
                String address = failure.channel() == Channel.EMAIL ? lead.email : lead.phone;
                if (address != null) {
                    ledger.setSuppressed(lead.dealerId, failure.channel(), address, true, "refused by messaging-service: " + refusal, now);
                }
                log.record(lead.leadId, failed, stepKey, failure.channel(), "not sent: " + refusal
                        + "; no more automated " + failure.channel().wire() + "s to this address, no fallback", now, null);
            }
            case INVALID_RECIPIENT, KILL_SWITCH, DEALER_UNKNOWN, NO_SENDER, CARRIER_ERROR, NOT_SENT, UNCONFIRMED -> {
                if (failure.reason() == Reason.INVALID_RECIPIENT && failure.channel() == Channel.TEXT) {
                    lead.phoneTextable = false;
                }
                fallback(lead, stepKey, failure.channel(), failed, refusal, now);
            }
        }
    }

    private void fallback(LeadCadence lead, String stepKey, Channel channel, DecisionKind failed, String refusal, Instant now) {
        if (channel == Channel.EMAIL || !lead.isActive()) {
            log.record(lead.leadId, failed, stepKey, channel, "not sent: " + refusal
                    + (lead.isActive() ? "; no fallback for an email" : "; automation is paused, no fallback"), now, null);
            return;
        }
        log.record(lead.leadId, failed, stepKey, channel, "not sent: " + refusal + "; a call instead, within the rep's cap", now, null);
        calls.fallbackCall(lead, lead.stepKey("fallback-" + Integer.toHexString(stepKey.hashCode())),
                "Text could not be delivered (" + refusal + "): call instead", now);
    }

    /** Tries a refused plan touch again at {@code at}, at most {@code maxRetries} times per step. */
    private void retry(LeadCadence lead, String stepKey, Channel channel, String refusal, String when, Instant at, Instant now) {
        String base = ATTEMPT.matcher(stepKey).replaceAll("");
        if (!lead.isActive()) {
            log.record(lead.leadId, DecisionKind.RETRY_DROPPED, stepKey, channel, "not sent: " + refusal
                    + "; automation is paused or complete, not retried", now, null);
            return;
        }
        long attempts = ledger.retriesSoFar(lead.leadId, base);
        Matcher attempt = ATTEMPT.matcher(stepKey);
        long failedAttempt = attempt.find() ? Long.parseLong(attempt.group(1)) : 0;
        if (failedAttempt < attempts) {
            log.record(lead.leadId, DecisionKind.RETRY_NOTED, stepKey, channel, "an earlier attempt was refused (" + refusal
                    + "); attempt ~r" + attempts + " was already issued", now, null);
            return;
        }
        if (attempts >= settings.maxRetries()) {
            log.record(lead.leadId, DecisionKind.RETRY_DROPPED, stepKey, channel, "not sent: " + refusal + " after "
                    + attempts + " retries, the most allowed: given up, no fallback", now, null);
            return;
        }
        Optional<String> why = PlanRunner.retry(lead, plans.currentPlan(lead), base, (int) attempts + 1, at);
        if (why.isPresent()) {
            log.record(lead.leadId, DecisionKind.RETRY_DROPPED, stepKey, channel, "not sent: " + refusal + "; not retried: "
                    + why.get(), now, null);
            return;
        }
        log.record(lead.leadId, DecisionKind.RETRY_PLANNED, stepKey, channel, "not sent: " + refusal + "; retried " + when
                + " (retry " + (attempts + 1) + " of " + settings.maxRetries() + ")", at, null);
        plans.runDue(lead, now);
    }
}
