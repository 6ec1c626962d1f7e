package dev.followup.cadence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TestEvents;
import dev.followup.testing.TopicReader;
import dev.followup.platform.time.MovableClock;
import io.agroal.api.AgroalDataSource;

import static org.awaitility.Awaitility.await;

/** Feeds the service's topics like the other services do, reads cadence-commands, moves the clock. */
public abstract class CadenceTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Inject
    MovableClock clock;
    @Inject
    AgroalDataSource dataSource;

    static String bootstrap() {
        return RealInfrastructure.servers().kafkaBootstrap();
    }

    static void send(String topic, String key, String type, Map<String, Object> payload) {
        try {
            TestEvents.publish(topic, key, type, JSON.writeValueAsBytes(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    UUID dealer(String zone, String state) {
        UUID dealerId = UUID.randomUUID();
        Map<String, Object> dealer = new LinkedHashMap<>();
        dealer.put("dealerId", dealerId.toString());
        dealer.put("name", "Hill Country Honda");
        dealer.put("timeZone", zone);
        dealer.put("country", "US");
        dealer.put("state", state);
        dealer.put("killSwitch", false);
        dealer.put("active", true);
        dealer.put("updatedAt", Instant.now().toString());
        send("dealer-directory", dealerId.toString(), "directory.dealer.v1", dealer);
        await().until(() -> count("select count(*) from dealer where dealer_id = ?", dealerId) == 1);
        return dealerId;
    }

    UUID rep(UUID dealerId, String name, int cap) {
        UUID repId = UUID.randomUUID();
        send("dealer-directory", repId.toString(), "directory.rep.v1", Map.of("repId", repId.toString(),
                "dealerId", dealerId.toString(), "name", name, "dailyCallCapacity", cap, "active", true, "role", "rep",
                "updatedAt", Instant.now().toString()));
        await().until(() -> count("select count(*) from rep where rep_id = ?", repId) == 1);
        return repId;
    }

    static void leadCreated(UUID leadId, UUID dealerId, UUID repId, String phone, String source) {
        leadCreated(leadId, dealerId, repId, phone, null, source);
    }

    static void leadCreated(UUID leadId, UUID dealerId, UUID repId, String phone, String email, String source) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("firstName", "James");
        customer.put("lastName", "Whitaker");
        customer.put("phone", phone);
        customer.put("email", email);
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("leadId", leadId.toString());
        lead.put("dealerId", dealerId.toString());
        lead.put("source", source);
        lead.put("assignedRepId", repId == null ? null : repId.toString());
        lead.put("customer", customer);
        lead.put("vehicles", List.of(Map.of("year", 2024, "make", "Honda", "model", "CR-V")));
        lead.put("consent", Map.of("textConsent", true));
        lead.put("receivedAt", Instant.now().toString());
        send("lead-events", leadId.toString(), "lead.created.v1", lead);
    }

    static void merged(UUID leadId, UUID dealerId, String source) {
        send("lead-events", leadId.toString(), "lead.merged.v1", Map.of("leadId", leadId.toString(), "dealerId",
                dealerId.toString(), "mergedAt", Instant.now().toString(), "source", source, "matchedOn", "phone"));
    }

    /** A text refused or failed, as messaging-service reports it (message.status-changed.v2). */
    static void textFailed(UUID leadId, UUID dealerId, String idempotencyKey, String status, String reason, Integer errorCode) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("messageId", UUID.randomUUID().toString());
        event.put("idempotencyKey", idempotencyKey);
        event.put("leadId", leadId.toString());
        event.put("dealerId", dealerId.toString());
        event.put("status", status);
        event.put("reason", reason);
        event.put("errorCode", errorCode);
        event.put("errorMessage", "as messaging-service said it");
        event.put("changedAt", Instant.now().toString());
        send("message-events", leadId.toString(), "message.status-changed.v2", event);
    }

    /** The lead's decision log, oldest first: what a failed await prints. */
    String decisionLog(UUID leadId) {
        StringBuilder out = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select decided_at, effective_at, kind, step_id, reason from decision where lead_id = ? order by id")) {
            query.setObject(1, leadId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    out.append('\n').append(rs.getString(1)).append(" -> ").append(rs.getString(2)).append(' ')
                            .append(rs.getString(3)).append(' ').append(rs.getString(4)).append(": ").append(rs.getString(5));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Waits for the condition; on timeout the failure names the lead's decisions so far. */
    void awaitLead(UUID leadId, java.time.Duration patience, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(patience).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("lead " + leadId + " decisions:" + decisionLog(leadId), e);
        }
    }

    long decisions(UUID leadId, String kind) {
        return count("select count(*) from decision where lead_id = ? and kind = ?", leadId, kind);
    }

    private static final java.util.concurrent.atomic.AtomicInteger PHONES =
            new java.util.concurrent.atomic.AtomicInteger((int) (Math.random() * 5_000_000));

    /**
     * A Chicago number no other lead of this test run has: two leads with one number are one customer, whose texts
     * are spaced as one.
     */
    static String chicagoPhone() {
        int n = PHONES.getAndIncrement() % 10_000_000;
        return "+1312" + String.format("%07d", n);
    }

    /** Moves the service clock forward to the next time-of-day in a zone (at least a minute ahead). */
    Instant moveToNext(LocalTime time, ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone).plusMinutes(1);
        ZonedDateTime target = ZonedDateTime.of(now.toLocalDate(), time, zone);
        if (target.isBefore(now)) {
            target = ZonedDateTime.of(now.toLocalDate().plusDays(1), time, zone);
        }
        clock.moveTo(target.toInstant());
        return target.toInstant();
    }

    static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    static List<ConsumerRecord<String, String>> commands(UUID leadId) {
        return TopicReader.readAll(bootstrap(), "cadence-commands").stream()
                .filter(r -> leadId.toString().equals(r.key())).toList();
    }

    /**
     * The lead's commands of the type once cadence's outbox is empty. A decision and its command commit together,
     * but the command reaches the topic later: an absence or a count read after a decision must wait for this.
     */
    static List<JsonNode> publishedCommands(UUID leadId, String type) {
        dev.followup.testing.Quiescence.awaitOutboxEmpty("cadence", java.time.Duration.ofSeconds(30));
        return commands(leadId, type);
    }

    static List<JsonNode> commands(UUID leadId, String type) {
        return commands(leadId).stream().filter(r -> type.equals(TopicReader.header(r, "ce_type")))
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No lead-step timer of this lead is left: whatever was due has fired. */
    boolean noTimersLeft(UUID leadId) {
        return count("select count(*) from scheduled_tasks where task_instance like ?", leadId + "/%") == 0;
    }
}
