package dev.followup.messaging;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TestEvents;
import dev.followup.testing.TopicReader;

/** What the integration tests share: fresh ids, records fed to the consumers, events read back, rows counted. */
final class Fixtures {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static String freshPhone() {
        return "+1" + (2_000_000_000L + ThreadLocalRandom.current().nextLong(7_000_000_000L));
    }

    static String freshMessagingServiceSid() {
        return "MG" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A dealer as lead-service publishes it; returns once messaging holds it. */
    static ObjectNode dealer(UUID dealerId, String textingNumber, String messagingServiceSid, boolean killSwitch,
            Instant updatedAt) {
        ObjectNode dealer = JSON.createObjectNode();
        dealer.put("dealerId", dealerId.toString());
        dealer.put("name", "Hill Country Honda");
        dealer.put("timeZone", "America/Chicago");
        dealer.put("country", "US");
        dealer.put("textingNumber", textingNumber);
        dealer.put("messagingServiceSid", messagingServiceSid);
        dealer.put("contactPhone", "+15125550199");
        dealer.put("contactEmail", "sales@hillcountryhonda.example.com");
        dealer.put("killSwitch", killSwitch);
        dealer.put("active", true);
        dealer.put("updatedAt", updatedAt.toString());
        return dealer;
    }

    static void publishDealer(ObjectNode dealer) {
        send("dealer-directory", dealer.get("dealerId").asText(), "directory.dealer.v1", UUID.randomUUID(), dealer);
    }

    static void publishDealerAndWait(ObjectNode dealer) {
        publishDealer(dealer);
        UUID dealerId = UUID.fromString(dealer.get("dealerId").asText());
        Instant updatedAt = Instant.parse(dealer.get("updatedAt").asText());
        await().atMost(PATIENCE).until(() -> count("select count(*) from dealer where dealer_id = ? and updated_at = ?",
                dealerId, java.sql.Timestamp.from(updatedAt)) == 1);
    }

    static ObjectNode sendCommand(UUID leadId, UUID dealerId, String to, String body) {
        ObjectNode command = JSON.createObjectNode();
        command.put("idempotencyKey", leadId + ":first-touch");
        command.put("leadId", leadId.toString());
        command.put("dealerId", dealerId.toString());
        command.put("to", to);
        command.put("body", body);
        command.put("purpose", "first-touch");
        command.put("stepId", "first-touch");
        command.put("requestedAt", Instant.now().toString());
        command.putNull("sendBefore");
        return command;
    }

    static UUID publishCommand(ObjectNode command) {
        UUID eventId = UUID.randomUUID();
        send("cadence-commands", command.get("leadId").asText(), "followup.send-message.v1", eventId, command);
        return eventId;
    }

    static void send(String topic, String key, String type, UUID eventId, JsonNode payload) {
        TestEvents.publish(topic, key, type, eventId, payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** message-events records of one lead, in order, as (type, payload). */
    static List<Event> events(UUID leadId) {
        List<Event> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrap(), "message-events")) {
            if (leadId.toString().equals(r.key())) {
                try {
                    events.add(new Event(TopicReader.header(r, "ce_type"), JSON.readTree(r.value()),
                            TopicReader.header(r, "ce_id")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return events;
    }

    static List<Event> events(UUID leadId, String type) {
        return events(leadId).stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The lead's events of the type once messaging's outbox is empty: a count of them is final. */
    static List<Event> publishedEvents(UUID leadId, String type) {
        dev.followup.testing.Quiescence.awaitOutboxEmpty("messaging", PATIENCE);
        return events(leadId, type);
    }

    record Event(String type, JsonNode payload, String id) {
    }

    static long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String text(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connection(); PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    private static Connection connection() throws SQLException {
        RealInfrastructure.Servers servers = RealInfrastructure.servers();
        Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
        try (var statement = connection.createStatement()) {
            statement.execute("set search_path to messaging");
        }
        return connection;
    }

    static String bootstrap() {
        return RealInfrastructure.servers().kafkaBootstrap();
    }

}
