package dev.followup.task.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

import dev.followup.platform.time.MovableClock;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.outbox.Outbox;
import dev.followup.task.domain.AccessRules.Decision;
import dev.followup.task.kafka.TaskCompleted;

/** What reps and managers do with tasks: today's list, complete, snooze, reassign, the dealer's summary. */
@ApplicationScoped
public class TaskBoard {
    private static final Logger LOG = Logger.getLogger(TaskBoard.class);
    public static final Duration LONGEST_SNOOZE = Duration.ofDays(30);

    private final EntityManager entityManager;
    private final Directory directory;
    private final Outbox outbox;
    private final Clock clock;
    private final int listLimit;

    // MovableClock, not Clock: the kit produces both types, so a plain Clock injection point is ambiguous.
    public TaskBoard(EntityManager entityManager, Directory directory, Outbox outbox, MovableClock clock,
            @ConfigProperty(name = "followup.tasks.list-limit", defaultValue = "200") int listLimit) {
        this.entityManager = entityManager;
        this.directory = directory;
        this.outbox = outbox;
        this.clock = clock;
        this.listLimit = listLimit;
    }

    public record TodaysList(BusinessDay day, Instant now, List<Task> tasks) {
    }

    /**
     * The rep's open tasks due before the end of the dealer's today: overdue first, then priority (highest
     * first), then due time. One indexed query on (rep_id, status, due_at), at most {@code list-limit} rows.
     */
    @Transactional
    public TodaysList todaysList(Caller caller, UUID repId) {
        Rep rep = directory.rep(repId).orElse(null);
        require(AccessRules.repList(caller, repId, rep == null ? null : rep.dealerId), "Rep");
        Instant now = clock.instant();
        BusinessDay day = BusinessDay.of(now, directory.zoneOf(rep.dealerId));
        List<Task> tasks = Task.<Task>find("""
                repId = ?1 and status = ?2 and dueAt < ?3
                order by case when dueAt < ?4 then 0 else 1 end, priority desc, dueAt, taskId""",
                repId, TaskStatus.OPEN, day.end(), now)
                // read-only: no snapshot per row for a dirty check at commit; the list is only shown
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .page(0, listLimit).list();
        return new TodaysList(day, now, tasks);
    }

    @Transactional
    public Task complete(Caller caller, UUID taskId, Outcome outcome, Instant appointmentAt, String note) {
        Task task = lockTask(taskId);
        require(AccessRules.task(caller, task.dealerId, task.repId), "Task");
        requireOpen(task);
        task.status = TaskStatus.DONE;
        task.outcome = outcome;
        task.appointmentAt = outcome.needsAppointment() ? appointmentAt : null;
        task.note = note;
        task.completedAt = clock.instant();
        task.completedBy = caller.repId();
        outbox.publish(TaskCompleted.TOPIC, task.leadId.toString(), TaskCompleted.TYPE,
                new TaskCompleted(task.taskId, task.leadId, task.dealerId, caller.repId(), task.kind, outcome,
                        task.appointmentAt, note, task.completedAt));
        LOG.infof("task %s of lead %s completed by rep %s: %s", task.taskId, task.leadId, caller.repId(), outcome.wire());
        return task;
    }

    @Transactional
    public Task snooze(Caller caller, UUID taskId, Instant until) {
        Task task = lockTask(taskId);
        require(AccessRules.task(caller, task.dealerId, task.repId), "Task");
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw ProblemException.badRequest("until", "must be in the future (now is " + now + ")");
        }
        if (until.isAfter(now.plus(LONGEST_SNOOZE))) {
            throw ProblemException.badRequest("until", "a task can be snoozed for at most " + LONGEST_SNOOZE.toDays() + " days");
        }
        requireOpen(task);
        task.dueAt = until;
        return task;
    }

    @Transactional
    public Task reassign(Caller caller, UUID taskId, UUID newRepId) {
        Task task = lockTask(taskId);
        require(AccessRules.managerTask(caller, task.dealerId), "Task");
        Rep rep = directory.rep(newRepId).orElse(null);
        if (rep == null || !rep.dealerId.equals(task.dealerId)) {
            throw ProblemException.unprocessable("repId", "not a rep of this dealer");
        }
        if (!rep.active) {
            throw ProblemException.unprocessable("repId", "the rep is not active");
        }
        requireOpen(task);
        task.repId = newRepId;
        LOG.infof("task %s reassigned to rep %s by manager %s", taskId, newRepId, caller.repId());
        return task;
    }

    public record Summary(BusinessDay day, Instant now, List<RepWorkload> reps) {
    }

    /** Per rep of the dealer: open, due today, overdue and done today (in the dealer's time zone). */
    @Transactional
    public Summary summary(Caller caller, UUID dealerId) {
        require(AccessRules.dealer(caller, dealerId), "Dealer");
        Instant now = clock.instant();
        ZoneId zone = directory.zoneOf(dealerId);
        BusinessDay day = BusinessDay.of(now, zone);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select rep_id,
                       count(*) filter (where status = 'open'),
                       count(*) filter (where status = 'open' and due_at >= ?2 and due_at < ?3),
                       count(*) filter (where status = 'open' and due_at < ?4),
                       count(*) filter (where status = 'done' and completed_at >= ?2 and completed_at < ?3)
                from task
                where dealer_id = ?1 and (status = 'open' or (status = 'done' and completed_at >= ?2))
                group by rep_id""")
                .setParameter(1, dealerId).setParameter(2, day.start()).setParameter(3, day.end())
                .setParameter(4, now)
                .getResultList();
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put((UUID) row[0], new long[] { number(row[1]), number(row[2]), number(row[3]), number(row[4]) });
        }
        List<RepWorkload> reps = new ArrayList<>();
        for (Rep rep : directory.repsOf(dealerId)) {
            long[] c = counts.getOrDefault(rep.repId, new long[4]);
            reps.add(new RepWorkload(rep.repId, rep.name, rep.role.wire(), rep.active, c[0], c[1], c[2], c[3]));
        }
        return new Summary(day, now, reps);
    }

    private Task lockTask(UUID taskId) {
        Task task = entityManager.find(Task.class, taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw ProblemException.notFound("Task");
        }
        return task;
    }

    private static void requireOpen(Task task) {
        if (task.status == TaskStatus.DONE) {
            throw ProblemException.conflict("The task was already completed (" + task.outcome.wire() + ")");
        }
        if (task.status == TaskStatus.CANCELLED) {
            throw ProblemException.conflict("The task was cancelled: " + task.cancelReason);
        }
    }

    static void require(Decision decision, String what) {
        switch (decision) {
            case ALLOWED -> {
            }
            case NOT_FOUND -> throw ProblemException.notFound(what);
            case FORBIDDEN -> throw new ProblemException(403, "Forbidden",
                    "You may not see or change this " + what.toLowerCase(java.util.Locale.ROOT), null);
        }
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
