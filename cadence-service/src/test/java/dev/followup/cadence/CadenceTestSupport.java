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

import dev.followup.infra.RealInfrastructure;
import dev.followup.infra.TestEvents;
import dev.followup.infra.TopicReader;
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
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("firstName", "James");
        customer.put("lastName", "Whitaker");
        customer.put("phone", phone);
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

    static String chicagoPhone() {
        return "+1312555" + String.format("%04d", (int) (Math.random() * 10000));
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
