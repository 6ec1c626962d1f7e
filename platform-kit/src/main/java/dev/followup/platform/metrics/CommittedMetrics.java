package dev.followup.platform.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.followup.platform.transactions.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Business metrics that count what happened, not what was attempted: inside a transaction a count or a duration is
 * added once the transaction commits (a rolled-back text was never sent), outside one at once. Tags are
 * low-cardinality values only (a reason, an intent, a code), never a lead, a phone or a dealer.
 */
@ApplicationScoped
public class CommittedMetrics {
    private final MeterRegistry meters;
    private final TransactionSynchronizationRegistry transactions;

    public CommittedMetrics(MeterRegistry meters, TransactionSynchronizationRegistry transactions) {
        this.meters = meters;
        this.transactions = transactions;
    }

    /**
     * Registers a counter at zero, so that a series whose labels are a known small set exists before its first
     * event (an alert or a dashboard over it then reads 0, not "no data").
     */
    public void declare(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(meters);
    }

    /** @param tags name, value, name, value ... */
    public void increment(String name, String description, String... tags) {
        Counter counter = Counter.builder(name).description(description).tags(tags).register(meters);
        afterCommit(counter::increment);
    }

    /** Registers a duration histogram with no observations yet, for the same reason as {@link #declare}. */
    public void declareDuration(String name, String description) {
        timer(name, description);
    }

    /** A duration into a histogram (Prometheus buckets, so percentiles can be computed across replicas). */
    public void record(String name, String description, Duration duration) {
        Timer timer = timer(name, description);
        Duration measured = duration.isNegative() ? Duration.ZERO : duration;
        afterCommit(() -> timer.record(measured));
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofHours(12)).register(meters);
    }

    private void afterCommit(Runnable action) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            AfterCommit.run(transactions, action);
        } else {
            action.run();
        }
    }
}
