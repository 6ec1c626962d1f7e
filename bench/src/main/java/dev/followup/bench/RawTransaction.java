package dev.followup.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The database's own ceiling for intake: lead-service's write set done directly over JDBC on the same database, in
 * lead-service's own tables (schema lead, its Flyway migrations): the raw intake document, the lead row and its
 * outbox row, one transaction and one commit per lead, no batching, a few threads each with one connection, as fast
 * as they go (closed loop) for a fixed time.
 * <p>
 * The outbox rows get shards 1000+ which no relay reads (relays read shards 0..7), so nothing is published; they
 * are deleted afterwards.
 */
public final class RawTransaction {
    public static final int RAW_SHARD_BASE = 1000;

    public record Result(int threads, long commits, double seconds, Histogram commitMicros, long failures) {
        public double rate() {
            return commits / seconds;
        }
    }

    private RawTransaction() {
    }

    public static Result run(BenchPlatform bench, String dealerId, String repId, int threads, Duration warmUp,
            Duration duration) throws Exception {
        UUID dealer = UUID.fromString(dealerId);
        UUID rep = UUID.fromString(repId);
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong commits = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection connection = bench.jdbc()) {
                    connection.setAutoCommit(false);
                    try (Statement s = connection.createStatement()) {
                        s.execute("set search_path to lead");
                    }
                    connection.commit();
                    try (PreparedStatement document = connection.prepareStatement(
                            "insert into intake_document (id, dealer_id, content_type, body, received_at) values (?, ?, ?, ?, ?)");
                            PreparedStatement lead = connection.prepareStatement("insert into lead (id, dealer_id, status,"
                                    + " source, provider, assigned_rep_id, first_name, last_name, phone, phone_type, email,"
                                    + " postal_code, preferred_contact, vehicles, comments, timeframe, text_consent,"
                                    + " consent_text, consent_captured_at, consent_page, consent_ip, received_at, updated_at,"
                                    + " document_id) values (?, ?, 'open', 'website', 'bench-raw', ?, 'Alex', ?, ?, 'mobile', ?,"
                                    + " '78701', 'text', ?, ?, 'within 2 weeks', true, ?, ?, ?, '203.0.113.7', ?, ?, ?)");
                            PreparedStatement outbox = connection.prepareStatement("insert into outbox_event (event_id,"
                                    + " shard, topic, event_key, event_type, source, occurred_at, payload)"
                                    + " values (?, ?, 'lead-events', ?, 'lead.created.v1', 'lead-service', ?, ?)")) {
                        while (running.get()) {
                            long n = sequence.getAndIncrement();
                            long began = System.nanoTime();
                            UUID documentId = UUID.randomUUID();
                            UUID leadId = UUID.randomUUID();
                            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                            String phone = Leads.phone("737", n);
                            String email = "raw" + n + "@bench.example.com";
                            try {
                                document.setObject(1, documentId);
                                document.setObject(2, dealer);
                                document.setString(3, "application/json");
                                document.setString(4, Leads.leadJson(phone, n, "raw"));
                                document.setObject(5, now);
                                document.executeUpdate();
                                lead.setObject(1, leadId);
                                lead.setObject(2, dealer);
                                lead.setObject(3, rep);
                                lead.setString(4, "Bench" + n);
                                lead.setString(5, phone);
                                lead.setString(6, email);
                                lead.setString(7, VEHICLES);
                                lead.setString(8, "Is it still available? Can I come by on Saturday?");
                                lead.setString(9, "I agree to receive text messages from the dealer.");
                                lead.setObject(10, now);
                                lead.setString(11, "https://dealer.example.com/inventory/camry");
                                lead.setObject(12, now);
                                lead.setObject(13, now);
                                lead.setObject(14, documentId);
                                lead.executeUpdate();
                                outbox.setObject(1, UUID.randomUUID());
                                outbox.setInt(2, RAW_SHARD_BASE + (int) (n % 8));
                                outbox.setString(3, leadId.toString());
                                outbox.setObject(4, now);
                                outbox.setString(5, payload(leadId, dealer, rep, phone, email, now));
                                outbox.executeUpdate();
                                connection.commit();
                                if (measuring.get()) {
                                    commits.incrementAndGet();
                                    latencies.recordValue((System.nanoTime() - began) / 1000);
                                }
                            } catch (SQLException e) {
                                failures.incrementAndGet();
                                connection.rollback();
                            }
                        }
                    }
                } catch (SQLException e) {
                    failures.incrementAndGet();
                    System.err.println("[bench] raw transaction worker failed: " + e);
                }
            }, "raw-intake-" + t);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(warmUp.toMillis());
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread worker : workers) {
            worker.join(10_000);
        }
        try (Connection connection = bench.jdbc(); Statement s = connection.createStatement()) {
            s.executeUpdate("delete from lead.outbox_event where shard >= " + RAW_SHARD_BASE);
        }
        return new Result(threads, commits.get(), seconds, latencies.copy(), failures.get());
    }

    private static final String VEHICLES = "[{\"year\":2025,\"make\":\"Toyota\",\"model\":\"Camry\",\"trim\":\"SE\","
            + "\"condition\":\"new\",\"interest\":\"buy\"}]";

    /** About the size and shape of lead-service's lead.created.v1 payload. */
    private static String payload(UUID leadId, UUID dealerId, UUID repId, String phone, String email, OffsetDateTime now) {
        String at = now.toInstant().toString();
        return "{\"leadId\":\"" + leadId + "\",\"dealerId\":\"" + dealerId + "\",\"source\":\"website\","
                + "\"provider\":\"bench-raw\",\"sourceLeadId\":null,\"assignedRepId\":\"" + repId + "\","
                + "\"customer\":{\"firstName\":\"Alex\",\"lastName\":\"Bench\",\"phone\":\"" + phone
                + "\",\"phoneType\":\"mobile\",\"email\":\"" + email + "\",\"postalCode\":\"78701\","
                + "\"preferredContact\":\"text\"},\"vehicles\":" + VEHICLES + ",\"timeframe\":\"within 2 weeks\","
                + "\"consent\":{\"textConsent\":true,\"text\":\"I agree to receive text messages from the dealer.\","
                + "\"capturedAt\":\"" + at + "\",\"page\":\"https://dealer.example.com/inventory/camry\","
                + "\"ip\":\"203.0.113.7\"},\"requestedAt\":null,\"receivedAt\":\"" + at + "\"}";
    }
}
