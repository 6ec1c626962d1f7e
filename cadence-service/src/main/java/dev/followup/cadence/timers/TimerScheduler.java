package dev.followup.cadence.timers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import dev.followup.cadence.domain.LeadPlans;
import dev.followup.cadence.domain.StepTimers;
import dev.followup.cadence.domain.likelihood.LikelihoodRefit;
import dev.followup.platform.time.MovableClock;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Durable timers on db-scheduler (table scheduled_tasks): one "lead-step" execution per scheduled step, named
 * {@code <leadId>/<timerVersion>}. Scheduling joins the caller's JTA transaction (Agroal hands db-scheduler the
 * enlisted connection and db-scheduler never commits it), so a timer exists if and only if the state change that
 * asked for it commits. Executions are picked with SELECT ... FOR UPDATE SKIP LOCKED, so any number of replicas
 * fire each timer once; a replica that stops heart-beating has its executions taken over.
 */
@ApplicationScoped
public class TimerScheduler implements StepTimers {
    private static final Logger LOG = Logger.getLogger(TimerScheduler.class);
    public static final String LEAD_STEP = "lead-step";
    public static final String LIKELIHOOD_REFIT = "likelihood-refit";

    /** Tuning shared by the service and by tests that run extra scheduler instances. */
    public record Tuning(Duration pollingInterval, Duration heartbeatInterval, int missedHeartbeats, int threads) {
    }

    private final Scheduler scheduler;
    private final OneTimeTask<Void> leadStep;
    private final boolean enabled;

    public TimerScheduler(AgroalDataSource dataSource, MovableClock clock, Instance<LeadPlans> handler, MeterRegistry meters,
            @ConfigProperty(name = "followup.cadence.scheduler.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "followup.cadence.scheduler.name") java.util.Optional<String> name,
            @ConfigProperty(name = "followup.cadence.scheduler.polling-interval", defaultValue = "PT0.1S") Duration polling,
            @ConfigProperty(name = "followup.cadence.scheduler.heartbeat-interval", defaultValue = "PT2S") Duration heartbeat,
            @ConfigProperty(name = "followup.cadence.scheduler.missed-heartbeats", defaultValue = "5") int missedHeartbeats,
            @ConfigProperty(name = "followup.cadence.scheduler.threads", defaultValue = "8") int threads,
            Instance<LikelihoodRefit> refit,
            @ConfigProperty(name = "followup.likelihood.refit-cron", defaultValue = "0 30 3 * * *") String refitCron) {
        this.enabled = enabled;
        Timer lateness = Timer.builder("followup.timer.lateness").description("From a plan step's due time to its timer firing")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(meters);
        this.leadStep = leadStepTask((leadId, version, dueAt) -> {
            Duration late = Duration.between(dueAt, clock.instant());
            lateness.record(late.isNegative() ? Duration.ZERO : late);
            handler.get().fire(leadId, version);
        });
        // One replica runs the refit each night: db-scheduler keeps a recurring task's single execution in its table.
        RecurringTask<Void> likelihoodRefit = Tasks.recurring(LIKELIHOOD_REFIT, Schedules.cron(refitCron, ZoneOffset.UTC))
                .execute((instance, context) -> refit.get().run(clock.instant()));
        SchedulerBuilder builder = builder(dataSource, clock, List.of(leadStep),
                new Tuning(polling, heartbeat, missedHeartbeats, threads)).startTasks(likelihoodRefit);
        name.ifPresent(n -> builder.schedulerName(new SchedulerName.Fixed(n)));
        this.scheduler = builder.build();
    }

    /** The service's scheduler setup; tests build further instances with it. */
    public static SchedulerBuilder builder(DataSource dataSource, Clock clock, List<Task<?>> tasks, Tuning tuning) {
        return Scheduler.create(dataSource, tasks)
                .clock(clock::instant)
                // Inside a JTA transaction the connection belongs to the transaction: never commit it ourselves.
                .commitWhenAutocommitDisabled(false)
                .pollingInterval(tuning.pollingInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(tuning.heartbeatInterval())
                .missedHeartbeatsLimit(tuning.missedHeartbeats())
                .threads(tuning.threads())
                .shutdownMaxWait(Duration.ofSeconds(10));
    }

    /** What a lead-step timer does when it fires: the lead, the timer version, and when it was due. */
    public interface Firing {
        void fire(UUID leadId, int timerVersion, Instant dueAt);
    }

    public static OneTimeTask<Void> leadStepTask(Firing firing) {
        return Tasks.oneTime(LEAD_STEP)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> {
                    String[] parts = instance.getId().split("/");
                    firing.fire(UUID.fromString(parts[0]), Integer.parseInt(parts[1]), context.getExecution().executionTime);
                });
    }

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            scheduler.start();
            LOG.info("Timer scheduler started");
        } else {
            LOG.info("Timer scheduler disabled by configuration: timers are stored but not fired here");
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        scheduler.stop();
    }

    /** Schedules inside the caller's transaction. */
    @Override
    public void schedule(UUID leadId, int timerVersion, Instant at) {
        scheduler.schedule(leadStep.instance(leadId + "/" + timerVersion), at);
    }

    public boolean exists(UUID leadId, int timerVersion) {
        return scheduler.getScheduledExecution(TaskInstanceId.of(LEAD_STEP, leadId + "/" + timerVersion)).isPresent();
    }

    public Scheduler scheduler() {
        return scheduler;
    }
}
