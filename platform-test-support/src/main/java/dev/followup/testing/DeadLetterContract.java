package dev.followup.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.followup.platform.events.TopicCatalog;

/**
 * What every consumer of a service does with a record it cannot apply, and with a database that is away, checked the
 * same way in each service: extend it in a {@code @QuarkusTest} running on {@link RealInfrastructure}.
 * <ul>
 * <li>For each topic the service consumes (from contracts/topics.json): a record that is not JSON, one that breaks
 * its contract and one of a type no contract names, then a good record, all on one key (one partition). The three
 * land in the consumer's dead-letter topic with the reason, the good one is applied behind them, the service stays
 * ready.</li>
 * <li>A record that arrives while PostgreSQL is down is retried until the database is back and then applied, never
 * dead-lettered.</li>
 * </ul>
 * "Applied" is the consumer's inbox row for the event: it is written in the transaction that has the effect.
 */
public abstract class DeadLetterContract {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RETRIES = "followup_consumer_transient_retries_total";
    private static final String DUPLICATES = "followup_inbox_duplicates_total";
    private static final String DEAD_LETTERS = "followup_dead_letters_total";
    private static final io.restassured.http.Header ADMIN = new io.restassured.http.Header("Authorization",
            "Bearer test-admin-token");

    /** The consumer's name in the topic catalog, which is also the schema its inbox lives in (e.g. "cadence"). */
    protected abstract String service();

    /**
     * Per topic the service consumes, a type whose contract example the service may apply in a test without effects
     * other tests would notice (one it records and skips, or one about a lead it does not know).
     */
    protected abstract Map<String, String> harmlessTypes();

    @TestFactory
    Stream<DynamicTest> poisonRecordsGoToTheDeadLetterTopicAndTheGoodRecordBehindThemIsApplied() {
        List<String> topics = consumedTopics();
        assertThat(harmlessTypes().keySet()).as("a harmless type for every topic %s consumes", service())
                .containsExactlyInAnyOrderElementsOf(topics);
        return topics.stream().map(topic -> DynamicTest.dynamicTest(topic, () -> poisonThenGood(topic)));
    }

    @Test
    void aRecordThatArrivesWhileTheDatabaseIsDownIsRetriedUntilItIsBackNotDeadLettered() throws Exception {
        RealInfrastructure.Servers servers = RealInfrastructure.servers();
        Assumptions.assumeTrue(servers.ownsPostgres(), "PostgreSQL was not started by these tests");
        String topic = consumedTopics().get(0);
        String consumer = service() + "." + topic;
        double retriesBefore = transientRetries(consumer);
        UUID eventId = UUID.randomUUID();
        servers.stopPostgres();
        try {
            TestEvents.publish(topic, UUID.randomUUID().toString(), harmlessTypes().get(topic), eventId,
                    example(harmlessTypes().get(topic)));
            // The consumer has the record and is waiting for the database, not giving up on it.
            await("a transient retry by " + consumer).atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> transientRetries(consumer) > retriesBefore);
        } finally {
            servers.startPostgres();
        }
        await("the record applied once the database is back").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> applied(consumer, eventId));
        assertThat(deadLettersWithId(topic, eventId)).isEmpty();
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void deadLettersAreListedWithTheirErrorAndAReplayedOneIsAppliedOnceHoweverOftenItIsReplayed() throws Exception {
        String topic = consumedTopics().get(0);
        String type = harmlessTypes().get(topic);
        String consumer = service() + "." + topic;
        String deadLetterTopic = TopicCatalog.deadLetterTopic(service(), topic);
        String key = UUID.randomUUID().toString();

        // A record the consumer refused for real: listed with its reason; a replay puts it back on its source topic
        // with its key, value and CloudEvent headers, and, still off-contract, it is dead-lettered again.
        UUID offContract = UUID.randomUUID();
        TestEvents.publish(topic, key, type, offContract, "{\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> refused = awaitListed(deadLetterTopic, offContract);
        assertThat(refused).containsEntry("key", key).containsEntry("sourceTopic", topic).containsEntry("eventType", type)
                .containsEntry("value", "{\"colour\":\"red\"}");
        assertThat((String) refused.get("reason")).isNotBlank();
        String from = deadLetterTopic + "/" + refused.get("partition") + "/" + refused.get("offset");
        given().header(ADMIN).contentType("application/json").body(Map.of("records", List.of(ref(refused))))
                .post("/admin/dead-letters/replay").then().statusCode(200)
                .body("replayed[0].eventId", org.hamcrest.Matchers.equalTo(offContract.toString()))
                .body("replayed[0].sourceTopic", org.hamcrest.Matchers.equalTo(topic));
        await("the replayed record on " + topic).atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> back = TopicReader.readAll(bootstrap(), topic).stream()
                    .filter(r -> from.equals(TopicReader.header(r, "followup-replayed-from"))).toList();
            assertThat(back).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(key);
                assertThat(r.value()).isEqualTo("{\"colour\":\"red\"}");
                assertThat(TopicReader.header(r, "ce_id")).isEqualTo(offContract.toString());
                assertThat(TopicReader.header(r, "ce_type")).isEqualTo(type);
                assertThat(TopicReader.header(r, "dead-letter-reason")).isNull();
            });
        });
        await("the still-poison replay dead-lettered again").atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deadLettersWithId(topic, offContract)).hasSize(2));
        assertThat(applied(consumer, offContract)).isFalse();

        // A record whose cause has since been fixed (written here the way the failure strategy writes one): replayed
        // twice, applied once; the second copy is dropped by the inbox.
        UUID fixed = UUID.randomUUID();
        org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> dead = TestEvents.record(deadLetterTopic, key,
                type, fixed, example(type));
        dead.headers().add("dead-letter-reason", "relation \"dealer\" does not exist".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-offset", "0".getBytes(StandardCharsets.UTF_8));
        TestEvents.send(dead);
        Map<String, Object> curable = awaitListed(deadLetterTopic, fixed);
        double duplicatesBefore = counter(DUPLICATES, consumer);
        for (int replay = 0; replay < 2; replay++) {
            given().header(ADMIN).contentType("application/json").body(Map.of("records", List.of(ref(curable))))
                    .post("/admin/dead-letters/replay").then().statusCode(200);
        }
        await("the fixed record applied").atMost(PATIENCE).until(() -> applied(consumer, fixed));
        await("the second replay dropped by the inbox").atMost(PATIENCE)
                .until(() -> counter(DUPLICATES, consumer) >= duplicatesBefore + 1);
        assertThat(applied(consumer, fixed)).isTrue();
        assertThat(deadLettersWithId(topic, fixed)).as("only the one written by hand").hasSize(1);

        // Refusals name the field; nothing is replayed without the admin token.
        given().contentType("application/json").body(Map.of("records", List.of(ref(curable))))
                .post("/admin/dead-letters/replay").then().statusCode(401);
        given().header(ADMIN).get("/admin/dead-letters?limit=0").then().statusCode(400).body("field", is("limit"));
        given().header(ADMIN).get("/admin/dead-letters?topic=lead-events").then().statusCode(400).body("field", is("topic"));
        given().header(ADMIN).contentType("application/json").body("{}").post("/admin/dead-letters/replay").then()
                .statusCode(400).body("field", is("records"));
        given().header(ADMIN).contentType("application/json")
                .body(Map.of("records", List.of(Map.of("topic", "no-such.dlq", "partition", 0, "offset", 0))))
                .post("/admin/dead-letters/replay").then().statusCode(400).body("field", is("records[0].topic"));
        given().header(ADMIN).contentType("application/json")
                .body(Map.of("records", List.of(Map.of("topic", deadLetterTopic, "partition", 0))))
                .post("/admin/dead-letters/replay").then().statusCode(400).body("field", is("records[0].offset"));
        given().header(ADMIN).contentType("application/json")
                .body(Map.of("records", List.of(ref(curable), Map.of("topic", deadLetterTopic, "partition", 0,
                        "offset", Long.MAX_VALUE / 2))))
                .post("/admin/dead-letters/replay").then().statusCode(404).body("field", is("records[1].offset"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitListed(String deadLetterTopic, UUID eventId) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> found = new java.util.concurrent.atomic.AtomicReference<>();
        await(eventId + " listed in " + deadLetterTopic).atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Map<String, Object>> records = given().header(ADMIN).queryParam("topic", deadLetterTopic)
                    .queryParam("limit", 1000).get("/admin/dead-letters").then().statusCode(200).extract()
                    .jsonPath().getList("topics[0].records");
            records.stream().filter(r -> eventId.toString().equals(r.get("eventId"))).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    private static Map<String, Object> ref(Map<String, Object> letter) {
        return Map.of("topic", letter.get("topic"), "partition", letter.get("partition"), "offset", letter.get("offset"));
    }

    private void poisonThenGood(String topic) throws Exception {
        String key = UUID.randomUUID().toString();
        String type = harmlessTypes().get(topic);
        UUID notJson = UUID.randomUUID();
        UUID offContract = UUID.randomUUID();
        UUID unknownType = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        String consumer = service() + "." + topic;
        double deadLettersBefore = counter(DEAD_LETTERS, consumer);
        TestEvents.publish(topic, key, type, notJson, "this is { not json".getBytes(StandardCharsets.UTF_8));
        TestEvents.publish(topic, key, type, offContract, "{\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8));
        TestEvents.publish(topic, key, "followup.no-such-type.v1", unknownType, "{}".getBytes(StandardCharsets.UTF_8));
        TestEvents.publish(topic, key, type, good, example(type));

        await(consumer + " applies the good record behind three poison ones").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200)).until(() -> applied(consumer, good));
        String deadLetterTopic = TopicCatalog.deadLetterTopic(service(), topic);
        await(deadLetterTopic + " holds the three").atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = TopicReader.readAll(bootstrap(), deadLetterTopic).stream()
                    .filter(r -> key.equals(r.key())).toList();
            assertThat(dead).extracting(r -> TopicReader.header(r, "ce_id")).containsExactlyInAnyOrder(
                    notJson.toString(), offContract.toString(), unknownType.toString());
            assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "dead-letter-reason")).isNotBlank());
        });
        for (UUID poison : List.of(notJson, offContract, unknownType)) {
            assertThat(applied(consumer, poison)).as("poison %s applied", poison).isFalse();
        }
        // The metric the RecordsDeadLettered alert reads moved by the three (other tests of this JVM may add theirs).
        assertThat(counter(DEAD_LETTERS, consumer)).isGreaterThanOrEqualTo(deadLettersBefore + 3);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private List<String> consumedTopics() {
        return TopicCatalog.load().topics().stream().filter(t -> t.consumers().contains(service()))
                .map(TopicCatalog.Topic::name).sorted().toList();
    }

    private List<ConsumerRecord<String, String>> deadLettersWithId(String topic, UUID eventId) {
        return TopicReader.readAll(bootstrap(), TopicCatalog.deadLetterTopic(service(), topic)).stream()
                .filter(r -> eventId.toString().equals(TopicReader.header(r, "ce_id"))).toList();
    }

    private boolean applied(String consumer, UUID eventId) throws SQLException {
        RealInfrastructure.Servers servers = RealInfrastructure.servers();
        try (Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
                PreparedStatement q = db.prepareStatement(
                        "select count(*) from " + service() + ".inbox_event where consumer = ? and event_id = ?")) {
            q.setString(1, consumer);
            q.setObject(2, eventId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    private static double transientRetries(String consumer) {
        return counter(RETRIES, consumer);
    }

    private static double counter(String metric, String consumer) {
        return PrometheusPage.now().sum(metric, "consumer=" + consumer);
    }

    /** The type's example from contracts/examples (valid against its schema: the contract tests check it). */
    private static byte[] example(String type) throws IOException {
        String resource = "contracts/examples/" + type + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static String bootstrap() {
        return RealInfrastructure.servers().kafkaBootstrap();
    }
}
