package dev.followup.insights.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Writes the read model. Each method is one upsert that is safe in any order and on a replay: earliest times
 * are kept with least(), counters move only once per event because the inbox drops repeats, and a row a later
 * event creates first (a text sent before its lead is read) is completed when the earlier event arrives.
 */
@ApplicationScoped
public class ReadModel {
    private final EntityManager em;
    private final Rollups rollups;
    private final StaleLeads stale;

    public ReadModel(EntityManager em, Rollups rollups, StaleLeads stale) {
        this.em = em;
        this.rollups = rollups;
        this.stale = stale;
    }

    /** A dealer seen for the first time or in another time zone has its days rolled up anew. */
    public void dealer(UUID dealerId, String name, String timeZone, Instant updatedAt) {
        List<?> zoneBefore = em.createNativeQuery("select time_zone from dealer where dealer_id = ?1")
                .setParameter(1, dealerId).getResultList();
        int applied = em.createNativeQuery("""
                insert into dealer (dealer_id, name, time_zone, updated_at) values (?1, ?2, ?3, ?4)
                on conflict (dealer_id) do update set name = excluded.name, time_zone = excluded.time_zone,
                    updated_at = excluded.updated_at
                where dealer.updated_at <= excluded.updated_at""")
                .setParameter(1, dealerId).setParameter(2, name).setParameter(3, timeZone).setParameter(4, updatedAt)
                .executeUpdate();
        if (applied > 0 && !zoneBefore.contains(timeZone)) {
            rollups.dealerRezoned(dealerId);
        }
    }

    public void rep(UUID repId, UUID dealerId, String name, String role, boolean active, Instant updatedAt) {
        em.createNativeQuery("""
                insert into rep (rep_id, dealer_id, name, role, active, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (rep_id) do update set dealer_id = excluded.dealer_id, name = excluded.name,
                    role = excluded.role, active = excluded.active, updated_at = excluded.updated_at
                where rep.updated_at <= excluded.updated_at""")
                .setParameter(1, repId).setParameter(2, dealerId).setParameter(3, name).setParameter(4, role)
                .setParameter(5, active).setParameter(6, updatedAt).executeUpdate();
    }

    public void leadReceived(UUID leadId, UUID dealerId, String source, UUID repId, boolean textable, Instant receivedAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into lead_fact (lead_id, dealer_id, source, rep_id, textable, received_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (lead_id) do update set dealer_id = excluded.dealer_id, source = excluded.source,
                    rep_id = excluded.rep_id, textable = excluded.textable, received_at = excluded.received_at""")
                .setParameter(1, leadId).setParameter(2, dealerId).setParameter(3, source)
                .setParameter(4, repId).setParameter(5, textable).setParameter(6, receivedAt).executeUpdate();
    }

    public void leadMerged(UUID leadId) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into lead_fact (lead_id, merges) values (?1, 1)
                on conflict (lead_id) do update set merges = lead_fact.merges + 1""")
                .setParameter(1, leadId).executeUpdate();
    }

    /** One of the lead's milestones, e.g. {@link Milestone#REPLIED}: the earliest time is kept. */
    public void milestone(UUID leadId, Milestone milestone, Instant at) {
        stale.mark(leadId);
        writeMilestone(leadId, milestone, at);
    }

    /** The milestone's column only; the callers here have marked the lead stale already. */
    private void writeMilestone(UUID leadId, Milestone milestone, Instant at) {
        String column = milestone.column;
        em.createNativeQuery("insert into lead_fact (lead_id, " + column + ") values (?1, ?2)"
                + " on conflict (lead_id) do update set " + column + " = least(lead_fact." + column + ", excluded."
                + column + ")")
                .setParameter(1, leadId).setParameter(2, at).executeUpdate();
    }

    /** The lead's status as the latest change says (appointment, sold, lost, open again). */
    public void status(UUID leadId, String status, Instant changedAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into lead_fact (lead_id, status, status_changed_at) values (?1, ?2, ?3)
                on conflict (lead_id) do update set status = excluded.status,
                    status_changed_at = excluded.status_changed_at
                where lead_fact.status_changed_at is null or lead_fact.status_changed_at <= excluded.status_changed_at""")
                .setParameter(1, leadId).setParameter(2, status).setParameter(3, changedAt).executeUpdate();
    }

    public void touchRequested(String idempotencyKey, UUID leadId, UUID dealerId, Channel channel, String stepId,
            String purpose, Instant requestedAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into touch (idempotency_key, lead_id, dealer_id, channel, step_id, purpose, requested_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (idempotency_key) do update set step_id = excluded.step_id, purpose = excluded.purpose,
                    requested_at = excluded.requested_at""")
                .setParameter(1, idempotencyKey).setParameter(2, leadId).setParameter(3, dealerId)
                .setParameter(4, channel.wire).setParameter(5, PlanStep.of(stepId)).setParameter(6, purpose)
                .setParameter(7, requestedAt).executeUpdate();
    }

    /** A text or email went out: the touch is sent, and the lead's first text is the earliest text sent. */
    public void touchSent(String idempotencyKey, UUID leadId, UUID dealerId, Channel channel, Instant sentAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into touch (idempotency_key, lead_id, dealer_id, channel, sent_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (idempotency_key) do update set sent_at = least(touch.sent_at, excluded.sent_at)""")
                .setParameter(1, idempotencyKey).setParameter(2, leadId).setParameter(3, dealerId)
                .setParameter(4, channel.wire).setParameter(5, sentAt).executeUpdate();
        if (channel == Channel.TEXT) {
            writeMilestone(leadId, Milestone.FIRST_TEXT, sentAt);
        }
    }

    /** A text or email did not go out (refused, failed, undelivered): why, on the touch and on the lead. */
    public void touchRefused(String idempotencyKey, UUID leadId, UUID dealerId, Channel channel, String reason) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into touch (idempotency_key, lead_id, dealer_id, channel, refused_reason) values (?1, ?2, ?3, ?4, ?5)
                on conflict (idempotency_key) do update set refused_reason = excluded.refused_reason""")
                .setParameter(1, idempotencyKey).setParameter(2, leadId).setParameter(3, dealerId)
                .setParameter(4, channel.wire).setParameter(5, reason).executeUpdate();
        if (channel == Channel.TEXT) {
            em.createNativeQuery("""
                    insert into lead_fact (lead_id, last_refusal) values (?1, ?2)
                    on conflict (lead_id) do update set last_refusal = excluded.last_refusal""")
                    .setParameter(1, leadId).setParameter(2, reason).executeUpdate();
        }
    }

    public void reply(UUID replyId, UUID leadId, UUID dealerId, String intent, Instant receivedAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into reply (reply_id, lead_id, dealer_id, intent, received_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (reply_id) do nothing""")
                .setParameter(1, replyId).setParameter(2, leadId).setParameter(3, dealerId).setParameter(4, intent)
                .setParameter(5, receivedAt).executeUpdate();
        if (Intent.isConversation(intent)) {
            writeMilestone(leadId, Milestone.REPLIED, receivedAt);
        }
    }

    public void taskCreated(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, Instant dueAt,
            Instant createdAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into task_fact (task_id, lead_id, dealer_id, rep_id, kind, due_at, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (task_id) do update set due_at = excluded.due_at, created_at = excluded.created_at""")
                .setParameter(1, taskId).setParameter(2, leadId).setParameter(3, dealerId).setParameter(4, repId)
                .setParameter(5, kind).setParameter(6, dueAt).setParameter(7, createdAt).executeUpdate();
    }

    /** Open tasks of the lead created before the cancel; {@code includeReplied} also the replied-customer ones. */
    public void tasksCancelled(UUID leadId, boolean includeReplied, Instant cancelledAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                update task_fact set cancelled_at = ?2
                where lead_id = ?1 and completed_at is null and cancelled_at is null and created_at <= ?2
                  and (?3 or kind <> 'replied-customer')""")
                .setParameter(1, leadId).setParameter(2, cancelledAt).setParameter(3, includeReplied).executeUpdate();
    }

    /** A completed task was never cancelled (task-service cancels open tasks only), whatever was read before. */
    public void taskCompleted(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, String outcome,
            Instant completedAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into task_fact (task_id, lead_id, dealer_id, rep_id, kind, outcome, completed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (task_id) do update set outcome = excluded.outcome, completed_at = excluded.completed_at,
                    cancelled_at = null""")
                .setParameter(1, taskId).setParameter(2, leadId).setParameter(3, dealerId).setParameter(4, repId)
                .setParameter(5, kind).setParameter(6, outcome).setParameter(7, completedAt).executeUpdate();
        if (Outcome.isContact(outcome)) {
            writeMilestone(leadId, Milestone.REACHED, completedAt);
        }
        if ("appointment-set".equals(outcome)) {
            writeMilestone(leadId, Milestone.APPOINTMENT, completedAt);
        }
    }

    /** The lead was held out of a step; a later run's holdout of the same step keeps the first. */
    public void heldOut(UUID leadId, UUID dealerId, String stepKey, Channel channel, Instant heldOutAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into holdout (lead_id, step_id, dealer_id, channel, held_out_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (lead_id, step_id) do update set held_out_at = least(holdout.held_out_at, excluded.held_out_at)""")
                .setParameter(1, leadId).setParameter(2, PlanStep.of(stepKey)).setParameter(3, dealerId)
                .setParameter(4, channel.wire).setParameter(5, heldOutAt).executeUpdate();
    }

    /** A call the rep's full list kept off it (one per lead and step run: a redelivered record changes nothing). */
    public void callOverCap(UUID leadId, UUID dealerId, UUID repId, String stepKey, String instead, Instant decidedAt) {
        stale.mark(leadId);
        em.createNativeQuery("""
                insert into over_cap (lead_id, step_key, dealer_id, rep_id, instead, decided_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (lead_id, step_key) do nothing""")
                .setParameter(1, leadId).setParameter(2, stepKey).setParameter(3, dealerId).setParameter(4, repId)
                .setParameter(5, instead).setParameter(6, decidedAt).executeUpdate();
    }
}
