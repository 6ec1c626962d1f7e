package dev.followup.cadence.domain.desk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.followup.cadence.domain.DecisionKind;
import dev.followup.cadence.domain.DecisionLog;
import dev.followup.cadence.domain.FollowUpCommands;
import dev.followup.cadence.domain.FollowUpCommands.TaskKind;
import dev.followup.cadence.domain.FollowUpCommands.TaskScope;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.directory.Directory;
import dev.followup.cadence.domain.directory.Rep;
import dev.followup.cadence.domain.plan.Channel;

/**
 * The reps' side of the follow-up: which rep a lead's task goes to, how full each rep's day is (table rep_day_load,
 * row-locked so replicas never overfill a list), and the task commands themselves.
 */
@ApplicationScoped
public class RepDesk {
    private static final int MAX_REASON = 500;
    private final EntityManager entityManager;
    private final FollowUpCommands commands;
    private final DecisionLog log;
    private final Directory directory;

    public RepDesk(EntityManager entityManager, FollowUpCommands commands, DecisionLog log, Directory directory) {
        this.entityManager = entityManager;
        this.directory = directory;
        this.commands = commands;
        this.log = log;
    }

    /** The lead's rep if active, else the dealer's active rep with the fewest call tasks today (then assigned to it). */
    public Rep repFor(LeadCadence lead, Dealer dealer, Instant now) {
        if (lead.repId != null) {
            Rep rep = directory.rep(lead.repId);
            if (rep == null) {
                return Rep.unknown(lead.repId, lead.dealerId, CallCapacity.DEFAULT_DAILY_CAP);
            }
            if (rep.active) {
                return rep;
            }
        }
        List<Rep> reps = Rep.list("dealerId = ?1 and active = true and role = 'rep' order by repId", lead.dealerId);
        LocalDate day = dayOf(dealer, now);
        Rep least = null;
        int leastLoad = Integer.MAX_VALUE;
        for (Rep rep : reps) {
            int load = load(rep.repId, day);
            if (load < leastLoad) {
                least = rep;
                leastLoad = load;
            }
        }
        if (least != null) {
            lead.repId = least.repId;
        }
        return least;
    }

    /**
     * Locks the rep's list for the day and takes a call slot when the score earns one.
     *
     * @return empty when admitted (the slot is taken), else why the list has no room for it
     */
    public java.util.Optional<String> admitCall(Rep rep, Dealer dealer, LeadScore score, Instant now) {
        LocalDate day = dayOf(dealer, now);
        entityManager.createNativeQuery("insert into rep_day_load (rep_id, day, call_tasks) values (?1, ?2, 0) on conflict do nothing")
                .setParameter(1, rep.repId).setParameter(2, day).executeUpdate();
        int onList = ((Number) entityManager.createNativeQuery(
                "select call_tasks from rep_day_load where rep_id = ?1 and day = ?2 for update")
                .setParameter(1, rep.repId).setParameter(2, day).getSingleResult()).intValue();
        if (CallCapacity.decide(rep.dailyCallCapacity, onList, score) instanceof CallCapacity.Overflow overflow) {
            return java.util.Optional.of(overflow.reason());
        }
        entityManager.createNativeQuery("update rep_day_load set call_tasks = call_tasks + 1 where rep_id = ?1 and day = ?2")
                .setParameter(1, rep.repId).setParameter(2, day).executeUpdate();
        return java.util.Optional.empty();
    }

    /** Puts a task on the rep's list; the task id is derived from {@code idSeed}, so a re-run creates no second task. */
    public void createTask(LeadCadence lead, String idSeed, Rep rep, TaskKind kind, Instant now, int priority,
            boolean urgent, String reason, LeadScore score, String stepKey) {
        create(lead, idSeed, rep, kind, now, now, priority, urgent, reason, score, stepKey, null);
    }

    /** The urgent task a customer's reply gets, due when the reply asks (a call at 5) or at {@code dueAt}. */
    public void answerReply(LeadCadence lead, UUID replyId, Rep rep, TaskKind kind, Instant now, Instant dueAt,
            String reason, FollowUpCommands.ReplyAsk reply, LeadScore score) {
        create(lead, "replied:" + replyId, rep, kind, now, dueAt, 100, true, reason, score, "replied", reply);
    }

    private void create(LeadCadence lead, String idSeed, Rep rep, TaskKind kind, Instant now, Instant dueAt, int priority,
            boolean urgent, String reason, LeadScore score, String stepKey, FollowUpCommands.ReplyAsk reply) {
        String bounded = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        UUID taskId = UUID.nameUUIDFromBytes((lead.leadId + ":" + idSeed).getBytes(StandardCharsets.UTF_8));
        commands.create(new FollowUpCommands.Task(taskId, lead.leadId, lead.dealerId, rep.repId, kind, dueAt, priority,
                urgent, bounded, score, lead.displayName, lead.phone, lead.vehicle, reply, now));
        log.record(lead.leadId, DecisionKind.TASK_CREATED, stepKey, Channel.CALL, kind.wire() + " task for rep "
                + rep.repId + ", priority " + priority + (urgent ? ", urgent (outside the daily cap)" : "") + ": " + bounded,
                now, "score " + score.value() + " " + score.factors());
    }

    /** Records, for the reports, that the rep's full list kept this call off it, and what the lead got instead. */
    public void callOverCap(LeadCadence lead, Rep rep, String stepKey, String instead, String reason, Instant now) {
        commands.overCap(new FollowUpCommands.OverCap(lead.leadId, lead.dealerId, rep.repId, stepKey, instead,
                reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason, now));
    }

    public void cancelTasks(LeadCadence lead, TaskScope scope, String reason, Instant now) {
        commands.cancelTasks(lead.leadId, lead.dealerId, scope, reason, now);
        log.record(lead.leadId, DecisionKind.TASKS_CANCELLED, null, null, "cancel " + scope.wire() + " open tasks: " + reason,
                now, null);
    }

    private int load(UUID repId, LocalDate day) {
        List<?> rows = entityManager.createNativeQuery("select call_tasks from rep_day_load where rep_id = ?1 and day = ?2")
                .setParameter(1, repId).setParameter(2, day).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    private static LocalDate dayOf(Dealer dealer, Instant now) {
        return now.atZone(Dealer.zoneOf(dealer)).toLocalDate();
    }
}
