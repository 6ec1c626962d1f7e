package dev.followup.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * The outbox's backlog as gauges: rows not yet published and the age of the oldest. A backlog that stays, or an
 * oldest row older than a minute, means events are not reaching Kafka (alert OutboxBacklogStuck). Read every 10 s
 * rather than on each scrape, so a scrape never waits for the database.
 */
@ApplicationScoped
public class OutboxBacklog {
    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    private final AgroalDataSource dataSource;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxBacklog(AgroalDataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        Gauge.builder("followup.outbox.backlog", rows, AtomicLong::get).description("Outbox rows not yet published")
                .register(meters);
        Gauge.builder("followup.outbox.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet published").register(meters);
    }

    @Scheduled(every = "${followup.outbox.backlog-check:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*), coalesce(extract(epoch from now() - min(occurred_at)) * 1000, 0) from outbox_event");
                ResultSet rs = query.executeQuery()) {
            rs.next();
            rows.set(rs.getLong(1));
            oldestAgeMillis.set(Math.max(0, rs.getLong(2)));
        } catch (Exception e) {
            LOG.debugf("Outbox backlog not measured: %s", e.toString());
        }
    }
}
