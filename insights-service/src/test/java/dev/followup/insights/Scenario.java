package dev.followup.insights;

import static dev.followup.insights.Events.fields;
import static dev.followup.insights.Events.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.followup.platform.security.StaffTokens;
import io.smallrye.jwt.build.Jwt;

/**
 * One dealer's known two days, published as the other services would publish them, some effects before their
 * causes (a text sent before its lead is read, a task completed before it is given) as separate topics allow.
 * <pre>
 * leads (received 10:00 Chicago, 2026-03-10): L1..L4 website, L5 L6 autotrader; L1 merged once
 * L1 texted after 20 s, replied after 1 h; rep 1's urgent task done 5 min after the reply: appointment; visit day 3
 * L2 texted after 45 s, STOP after 2 h
 * L3 texted after 3 min, HELP only; rep 1's call task due after 1 h, never done (overdue)
 * L4 texted after 10 min; rep 2's call due after 30 min, done after 2 h (late): reached; sold next day
 * L5 text refused (invalid recipient); rep 2's call cancelled
 * L6 no mobile phone
 * step day-1 texted to L1 and L2 a day later; L3 and L4 held out of it, and L3 writes an hour after
 * </pre>
 */
final class Scenario {
    static final Instant T0 = Instant.parse("2026-03-10T15:00:00Z");
    static final String FROM = "2026-03-10";
    static final String TO = "2026-03-11";

    final UUID dealer = UUID.randomUUID();
    final UUID otherDealer = UUID.randomUUID();
    final UUID manager = UUID.randomUUID();
    final UUID otherManager = UUID.randomUUID();
    final UUID rep1 = UUID.randomUUID();
    final UUID rep2 = UUID.randomUUID();
    final UUID[] leads = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), UUID.randomUUID()};
    final UUID[] tasks = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

    static Scenario publishOne() {
        Scenario s = new Scenario();
        s.publishDirectory();
        s.publishMessagesBeforeLeads();
        s.publishLeads();
        s.publishTasks();
        return s;
    }

    String tokenOf(UUID repId, UUID dealerId, String role) {
        return Jwt.issuer(StaffTokens.ISSUER).subject(repId.toString()).claim(StaffTokens.DEALER_CLAIM, dealerId.toString())
                .groups(Set.of(role)).expiresIn(600).sign("jwt-test-private.pem");
    }

    private void publishDirectory() {
        publish("directory.dealer.v1", fields("dealerId", dealer, "name", "Scenario Motors", "timeZone",
                "America/Chicago", "textingNumber", null, "messagingServiceSid", null, "updatedAt", T0.minusSeconds(86400)));
        publish("directory.dealer.v1", fields("dealerId", otherDealer, "name", "Other Motors", "timeZone",
                "America/New_York", "textingNumber", null, "messagingServiceSid", null, "updatedAt", T0.minusSeconds(86400)));
        rep(manager, dealer, "Mia Manager", "manager");
        rep(rep1, dealer, "Ada Rep", "rep");
        rep(rep2, dealer, "Bo Rep", "rep");
        rep(otherManager, otherDealer, "Oli Other", "manager");
    }

    private void rep(UUID repId, UUID dealerId, String name, String role) {
        publish("directory.rep.v1", fields("repId", repId, "dealerId", dealerId, "name", name, "role", role,
                "active", true, "updatedAt", T0.minusSeconds(86400)));
    }

    private void publishMessagesBeforeLeads() {
        sent(0, "new-lead.1.first-touch", after(20));
        sent(1, "new-lead.1.first-touch", after(45));
        sent(2, "new-lead.1.first-touch", after(180));
        sent(3, "new-lead.1.first-touch", after(600));
        requested(4, "new-lead.1.first-touch", after(1));
        publish("message.status-changed.v2", fields("idempotencyKey", key(4, "new-lead.1.first-touch"), "leadId", leads[4],
                "dealerId", dealer, "status", "failed", "reason", "invalid-recipient", "errorCode", 21211,
                "changedAt", after(2)));
        sent(0, "new-lead.2.day-1", after(86400));
        sent(1, "new-lead.2.day-1", after(86400 + 30));
        reply(0, "other", after(3600));
        reply(1, "opt-out", after(7200));
        publish("message.opted-out.v1", fields("leadId", leads[1], "dealerId", dealer, "optedOutAt", after(7200)));
        reply(2, "help", after(900));
        heldOut(2, "new-lead.2.day-1", after(86400));
        heldOut(3, "new-lead.2.day-1", after(86400));
        reply(2, "other", after(86400 + 3600));
    }

    private void publishLeads() {
        String[] sources = {"website", "website", "website", "website", "autotrader", "autotrader"};
        UUID[] reps = {rep1, rep1, rep1, rep2, rep2, rep2};
        for (int i = 0; i < leads.length; i++) {
            publish("lead.created.v1", fields("leadId", leads[i], "dealerId", dealer, "source", sources[i],
                    "assignedRepId", reps[i], "customer.phoneType", i == 5 ? "home" : "mobile", "receivedAt", T0));
        }
        publish("lead.merged.v1", fields("leadId", leads[0], "dealerId", dealer, "mergedAt", after(300)));
        publish("lead.visit-recorded.v1", fields("leadId", leads[0], "dealerId", dealer, "visitedAt", after(2 * 86400),
                "repId", rep1));
        publish("lead.status-changed.v1", fields("leadId", leads[3], "dealerId", dealer, "previousStatus", "open",
                "status", "sold", "appointmentAt", null, "changedAt", after(86400 + 3600), "changedBy", rep2));
    }

    private void publishTasks() {
        completed(0, 0, rep1, "replied-customer", "appointment-set", after(3600 + 300));
        task(0, 0, rep1, "replied-customer", after(3600 + 10), after(3600 + 900));
        task(1, 2, rep1, "call", after(60), after(3600));
        task(2, 3, rep2, "call", after(60), after(1800));
        completed(2, 3, rep2, "call", "reached", after(7200));
        task(3, 4, rep2, "call", after(60), after(3600));
        publish("followup.cancel-tasks.v1", fields("leadId", leads[4], "dealerId", dealer, "scope", "automated",
                "cancelledAt", after(120)));
        // Bo Rep's list was full twice; the second record of lead 5's call (a re-published decision) counts once.
        overCap(5, rep2, "new-lead.1.call-1", "nothing", after(3600));
        overCap(5, rep2, "new-lead.1.call-1", "nothing", after(3600));
        overCap(4, rep2, "new-lead.1.call-1", "text", after(3600));
    }

    private void overCap(int lead, UUID rep, String step, String instead, Instant at) {
        publish("followup.call-over-cap.v1", fields("leadId", leads[lead], "dealerId", dealer, "repId", rep,
                "stepId", step, "instead", instead, "reason", "rep's daily call capacity of 8 reached (score 0.31)",
                "decidedAt", at));
    }

    private void sent(int lead, String step, Instant at) {
        publish("message.sent.v1", fields("messageId", UUID.randomUUID(), "idempotencyKey", key(lead, step),
                "leadId", leads[lead], "dealerId", dealer, "sentAt", at));
        requested(lead, step, at.minusMillis(300));
    }

    private void requested(int lead, String step, Instant at) {
        publish("followup.send-message.v1", fields("idempotencyKey", key(lead, step), "leadId", leads[lead],
                "dealerId", dealer, "purpose", step.endsWith("first-touch") ? "first-touch" : "cadence", "stepId", step,
                "requestedAt", at, "sendBefore", null));
    }

    private void heldOut(int lead, String step, Instant at) {
        publish("followup.step-held-out.v1", fields("leadId", leads[lead], "dealerId", dealer, "stepId", step,
                "channel", "text", "holdoutPercent", 10, "heldOutAt", at));
    }

    private void reply(int lead, String intent, Instant at) {
        publish("message.reply-received.v2", fields("replyId", UUID.randomUUID(), "leadId", leads[lead], "dealerId",
                dealer, "intent", intent, "receivedAt", at));
    }

    private void task(int task, int lead, UUID rep, String kind, Instant createdAt, Instant dueAt) {
        publish("followup.create-task.v2", fields("taskId", tasks[task], "leadId", leads[lead], "dealerId", dealer,
                "repId", rep, "kind", kind, "urgent", kind.equals("replied-customer"), "dueAt", dueAt,
                "createdAt", createdAt));
    }

    private void completed(int task, int lead, UUID rep, String kind, String outcome, Instant at) {
        publish("task.completed.v1", fields("taskId", tasks[task], "leadId", leads[lead], "dealerId", dealer,
                "repId", rep, "kind", kind, "outcome", outcome, "completedAt", at));
    }

    private String key(int lead, String step) {
        return leads[lead] + ":" + step;
    }

    private static Instant after(long seconds) {
        return T0.plus(Duration.ofSeconds(seconds));
    }
}
