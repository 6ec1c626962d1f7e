package dev.followup.insights.timers;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.followup.insights.domain.Rollups;
import io.quarkus.scheduler.Scheduled;

/**
 * Rolls up what the consumers changed, every second by default: the dashboard's figures trail the events by about
 * that much. A pass drains every stale lead, then recomputes every stale day once, so a replay or a burst costs one
 * recompute per day touched, not one per event.
 */
@ApplicationScoped
public class RollupTimer {
    private static final int DAYS_PER_TRANSACTION = 10;

    private final Rollups rollups;
    private final int leadsPerTransaction;

    public RollupTimer(Rollups rollups, @ConfigProperty(name = "followup.insights.rollup-batch") int leadsPerTransaction) {
        this.rollups = rollups;
        this.leadsPerTransaction = leadsPerTransaction;
    }

    @Scheduled(every = "${followup.insights.rollup-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rollUp() {
        while (rollups.staleLeadsToDays(leadsPerTransaction) == leadsPerTransaction) {
            // a full batch: more may be waiting
        }
        while (rollups.recomputeStaleDays(DAYS_PER_TRANSACTION) == DAYS_PER_TRANSACTION) {
            // as above
        }
    }
}
