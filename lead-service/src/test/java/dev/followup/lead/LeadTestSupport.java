package dev.followup.lead;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TopicReader;
import dev.followup.platform.events.ContractRegistry;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;

/** Sets up dealers, reps and keys through the admin API, and reads what the service published or stored. */
public final class LeadTestSupport {
    public static final String ADMIN = "Bearer test-admin-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ContractRegistry CONTRACTS = new ContractRegistry();

    private LeadTestSupport() {
    }

    public record TestDealer(String id, String apiKey, List<String> repIds) {
    }

    public static TestDealer dealerWithReps(int reps) {
        return dealerWithReps(reps, null, null);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS =
            new java.util.concurrent.atomic.AtomicInteger((int) (Math.random() * 5_000_000));

    /** A texting number no other dealer of this test run has: an active dealer's number is its alone. */
    public static String freshTextingNumber() {
        return String.format("+1737%07d", 2_000_000 + NUMBERS.getAndIncrement() % 8_000_000); // exchange 200-999
    }

    public static TestDealer dealerWithReps(int reps, Integer ratePerSecond, Integer burst) {
        String dealerId = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Dealer " + UUID.randomUUID(), "timeZone", "America/Chicago", "country", "US",
                        "state", "TX", "postalCode", "78704", "textingNumber", freshTextingNumber()))
                .post("/admin/dealers").then().statusCode(201).extract().path("id");
        List<String> repIds = new java.util.ArrayList<>();
        for (int i = 0; i < reps; i++) {
            repIds.add(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("name", "Rep " + i, "phone", "+1512555014" + i, "dailyCallCapacity", 25))
                    .post("/admin/dealers/" + dealerId + "/reps").then().statusCode(201).extract().path("id"));
        }
        Map<String, Object> keyRequest = new java.util.HashMap<>();
        keyRequest.put("label", "test");
        if (ratePerSecond != null) {
            keyRequest.put("ratePerSecond", ratePerSecond);
            keyRequest.put("burst", burst);
        }
        String key = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(keyRequest)
                .post("/admin/dealers/" + dealerId + "/api-keys").then().statusCode(201).extract().path("key");
        return new TestDealer(dealerId, key, repIds);
    }

    public static String bootstrap() {
        return RealInfrastructure.servers().kafkaBootstrap();
    }

    /** Records on the topic whose key is the given id, in offset order (one partition per key). */
    public static List<ConsumerRecord<String, String>> recordsKeyed(String topic, String key) {
        return TopicReader.readAll(bootstrap(), topic).stream().filter(r -> key.equals(r.key()))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).toList();
    }

    /**
     * Every record on the topic with this key once lead-service's outbox is empty, so that a count of them is final
     * (a copy published late would be there too).
     */
    public static List<ConsumerRecord<String, String>> publishedKeyed(String topic, String key) {
        dev.followup.testing.Quiescence.awaitOutboxEmpty("lead", java.time.Duration.ofSeconds(30));
        return recordsKeyed(topic, key);
    }

    public static List<ConsumerRecord<String, String>> recordsMentioning(String topic, String text) {
        return TopicReader.readAll(bootstrap(), topic).stream().filter(r -> r.value() != null && r.value().contains(text))
                .toList();
    }

    public static String type(ConsumerRecord<String, String> record) {
        return TopicReader.header(record, "ce_type");
    }

    /** Asserts the CloudEvents headers and the payload's contract, and returns the payload. */
    public static JsonNode checkedPayload(ConsumerRecord<String, String> record) {
        String type = type(record);
        org.assertj.core.api.Assertions.assertThat(type).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(UUID.fromString(TopicReader.header(record, "ce_id"))).isNotNull();
        org.assertj.core.api.Assertions.assertThat(TopicReader.header(record, "ce_source")).isEqualTo("lead-service");
        org.assertj.core.api.Assertions.assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(TopicReader.header(record, "ce_time"))).isNotNull();
        JsonNode payload = json(record.value());
        org.assertj.core.api.Assertions.assertThat(CONTRACTS.violations(type, payload)).isEmpty();
        return payload;
    }

    public static JsonNode json(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(AgroalDataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leads, merges, visits and raw documents stored for the dealer. */
    public static long storedFor(AgroalDataSource dataSource, String dealerId) {
        UUID id = UUID.fromString(dealerId);
        return count(dataSource, "select count(*) from lead where dealer_id = ?", id)
                + count(dataSource, "select count(*) from intake_document where dealer_id = ?", id)
                + count(dataSource, "select count(*) from visit where dealer_id = ?", id)
                + count(dataSource, "select count(*) from lead_merge m join lead l on l.id = m.lead_id where l.dealer_id = ?", id)
                + count(dataSource, "select count(*) from intake_key where dealer_id = ?", id)
                + count(dataSource, "select count(*) from outbox_event where topic = 'lead-events' and payload like ?", "%" + dealerId + "%");
    }
}
