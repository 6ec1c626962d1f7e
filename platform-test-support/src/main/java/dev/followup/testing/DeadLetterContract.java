package dev.followup.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern RETRIES = Pattern.compile(
            "followup_consumer_transient_retries_total\\{consumer=\"([^\"]+)\"[^}]*} ([0-9.Ee+-]+)");

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

    private void poisonThenGood(String topic) throws Exception {
        String key = UUID.randomUUID().toString();
        String type = harmlessTypes().get(topic);
        UUID notJson = UUID.randomUUID();
        UUID offContract = UUID.randomUUID();
        UUID unknownType = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        TestEvents.publish(topic, key, type, notJson, "this is { not json".getBytes(StandardCharsets.UTF_8));
        TestEvents.publish(topic, key, type, offContract, "{\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8));
        TestEvents.publish(topic, key, "followup.no-such-type.v1", unknownType, "{}".getBytes(StandardCharsets.UTF_8));
        TestEvents.publish(topic, key, type, good, example(type));

        String consumer = service() + "." + topic;
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
        Matcher m = RETRIES.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        double total = 0;
        while (m.find()) {
            if (consumer.equals(m.group(1))) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
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
