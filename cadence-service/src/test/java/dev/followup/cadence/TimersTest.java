package dev.followup.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.followup.cadence.domain.LeadPlans;
import dev.followup.cadence.timers.TimerScheduler;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Durable timers: transactional scheduling, and exactly-once firing with two scheduler instances. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class TimersTest extends CadenceTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    @Inject
    TimerScheduler timers;
    @Inject
    LeadPlans plans;

    @Test
    void aTimerExistsOnlyIfItsTransactionCommits() {
        UUID committed = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        Instant later = clock.instant().plus(Duration.ofDays(400));
        QuarkusTransaction.requiringNew().run(() -> timers.schedule(committed, 1, later));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            timers.schedule(rolledBack, 1, later);
            throw new IllegalStateException("state change failed");
        })).hasMessageContaining("state change failed");
        assertThat(timers.exists(committed, 1)).isTrue();
        assertThat(timers.exists(rolledBack, 1)).isFalse();
        assertThat(count("select count(*) from scheduled_tasks where task_instance = ?", rolledBack + "/1")).isZero();
    }

    @Test
    void twoSchedulerInstancesFireTenThousandDueTimersExactlyOnceEach() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists probe_firing (instance text not null, fired_by text not null)");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Scheduler> replicas = new ArrayList<>();
        Scheduler service = timers.scheduler();
        service.pause(); // only the two replicas below poll during this test
        try {
            for (String name : List.of("replica-a", "replica-b")) {
                OneTimeTask<Void> probe = Tasks.oneTime("probe").execute((instance, context) -> record(instance.getId(), name));
                List<Task<?>> tasks = List.of(probe, TimerScheduler.leadStepTask((leadId, version, dueAt) -> plans.fire(leadId, version)));
                replicas.add(TimerScheduler.builder(dataSource, clock, tasks,
                        new TimerScheduler.Tuning(Duration.ofMillis(100), Duration.ofSeconds(2), 5, 8))
                        .schedulerName(new SchedulerName.Fixed(name)).build());
            }
            OneTimeTask<Void> probe = Tasks.oneTime("probe").execute((instance, context) -> {
            });
            List<TaskInstance<?>> due = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                due.add(probe.instance(run + "-" + i));
            }
            replicas.get(0).scheduleBatch(due, clock.instant());
            replicas.forEach(Scheduler::start);
            await().atMost(Duration.ofSeconds(180)).until(() -> count(
                    "select count(*) from probe_firing where instance like ?", run + "-%") >= 10_000
                    && count("select count(*) from scheduled_tasks where task_name = 'probe' and task_instance like ?", run + "-%") == 0);
        } finally {
            replicas.forEach(Scheduler::stop);
            service.resume();
        }
        assertThat(count("select count(*) from probe_firing where instance like ?", run + "-%")).isEqualTo(10_000);
        assertThat(count("select count(distinct instance) from probe_firing where instance like ?", run + "-%")).isEqualTo(10_000);
        assertThat(count("select count(distinct fired_by) from probe_firing where instance like ?", run + "-%")).isEqualTo(2);
    }

    /**
     * Six call steps fall due at once; the one whose transaction fails (a trigger refuses its decision row) fails
     * alone: the other five fire and their executions go, its execution stays, and db-scheduler's retry fires it
     * once the fault is gone, once.
     */
    @Test
    void aFiringWhoseTransactionFailsFailsAloneAndIsRetried() throws Exception {
        UUID dealerId = dealer("America/Chicago", "IL");
        UUID repId = rep(dealerId, "Dana Brooks", 50);
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID leadId = UUID.randomUUID();
            leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
            leads.add(leadId);
        }
        Map<UUID, String> callTimers = new HashMap<>();
        for (UUID leadId : leads) {
            awaitLead(leadId, PATIENCE, () -> decisions(leadId, "text-sent") == 1 && !noTimersLeft(leadId));
            callTimers.put(leadId, timerOf(leadId));
        }
        UUID failing = leads.get(3);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create or replace function refuse_probe_decision() returns trigger language plpgsql as $$"
                    + " begin raise exception 'injected fault for lead %', new.lead_id; end $$");
            s.execute("create trigger refuse_probe_decision before insert on decision for each row"
                    + " when (new.lead_id = '" + failing + "' and new.step_id = 'new-lead.1.call-1')"
                    + " execute function refuse_probe_decision()");
        }
        try {
            clock.advance(Duration.ofHours(1).plusMinutes(1));
            for (UUID leadId : leads) {
                if (!leadId.equals(failing)) {
                    awaitLead(leadId, PATIENCE, () -> callDecisions(leadId) == 1 && !pending(callTimers.get(leadId)));
                }
            }
            awaitLead(failing, PATIENCE, () -> count("select count(*) from scheduled_tasks where task_instance = ?"
                    + " and consecutive_failures > 0", callTimers.get(failing)) == 1);
            assertThat(callDecisions(failing)).isZero();
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop trigger if exists refuse_probe_decision on decision");
                s.execute("drop function if exists refuse_probe_decision()");
            }
        }
        awaitLead(failing, PATIENCE, () -> callDecisions(failing) == 1 && !pending(callTimers.get(failing)));
        for (UUID leadId : leads) {
            assertThat(callDecisions(leadId)).as("lead %s fired its call step once", leadId).isEqualTo(1);
        }
    }

    private long callDecisions(UUID leadId) {
        return count("select count(*) from decision where lead_id = ? and step_id = 'new-lead.1.call-1'", leadId);
    }

    private boolean pending(String timer) {
        return count("select count(*) from scheduled_tasks where task_instance = ?", timer) > 0;
    }

    private String timerOf(UUID leadId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select task_instance from scheduled_tasks where task_name = 'lead-step' and task_instance like ?")) {
            q.setString(1, leadId + "/%");
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("lead %s has a timer", leadId).isTrue();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String instance, String firedBy) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("insert into probe_firing (instance, fired_by) values (?, ?)")) {
            insert.setString(1, instance);
            insert.setString(2, firedBy);
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
