package dev.followup.testing.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TestEvents;
import dev.followup.testing.TopicReader;
import dev.followup.platform.inbox.InboxRetention;
import dev.followup.platform.outbox.OutboxRelay;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The foundation's promises, against a real Kafka broker and a real PostgreSQL: the outbox survives a relay that
 * is down, the inbox applies a redelivered record once, and a poison record goes to the dead-letter topic without
 * holding back the records behind it on its partition.
 */
@QuarkusTest
@WithTestResource(value = PlumbingInfrastructure.class, scope = TestResourceScope.GLOBAL)
class PlumbingTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    NoteService notes;
    @Inject
    OutboxRelay relay;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    InboxRetention retention;

    @Test
    void eventCommittedWhileTheRelayIsDownIsPublishedOnceWhenItRestarts() throws SQLException {
        UUID noteId = UUID.randomUUID();
        UUID eventId;
        relay.stop();
        try {
            eventId = notes.record(noteId, "written while the relay was down");
            assertThat(count("select count(*) from outbox_event where event_id = ?", eventId)).isEqualTo(1);
        } finally {
            relay.start();
        }
        await().atMost(PATIENCE).until(() -> count("select count(*) from outbox_event where event_id = ?", eventId) == 0);

        List<ConsumerRecord<String, String>> published = recordsWithId(PlumbingInfrastructure.TOPIC, eventId);
        assertThat(published).hasSize(1);
        ConsumerRecord<String, String> record = published.get(0);
        assertThat(record.key()).isEqualTo(noteId.toString());
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("test.noted.v1");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("plumbing-test");
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(Instant.parse(TopicReader.header(record, "ce_time"))).isBeforeOrEqualTo(Instant.now());
        assertThat(record.value()).contains("\"written while the relay was down\"");
        // The consumer of the same topic applied it exactly once.
        await().atMost(PATIENCE).until(() -> applied(eventId) == 1);
    }

    @Test
    void anEventWrittenJustBeforeACommitThatFailsIsRolledBackWithIt() throws SQLException {
        String title = "title " + UUID.randomUUID();
        notes.recordTitled(UUID.randomUUID(), title, "the first note with this title");
        UUID second = UUID.randomUUID();
        assertThatThrownBy(() -> notes.recordTitled(second, title, "a second note with the same title"))
                .hasStackTraceContaining("note_title_once");
        assertThat(count("select count(*) from note where id = ?", second)).isZero();
        assertThat(count("select count(*) from outbox_event where event_key = cast(? as text)", second))
                .as("the event of the transaction that failed at commit").isZero();
        assertThat(recordsWithKey(PlumbingInfrastructure.TOPIC, second.toString())).isEmpty();
    }

    @Test
    void recordDeliveredTwiceHasItsEffectOnce() throws SQLException {
        String key = UUID.randomUUID().toString();
        UUID duplicated = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(noted(key, duplicated, "delivered twice"));
            producer.send(noted(key, duplicated, "delivered twice"));
            producer.send(noted(key, marker, "behind the duplicate"));
            producer.flush();
        }
        // Same key, same partition: once the marker is applied, both copies before it have been handled.
        await().atMost(PATIENCE).until(() -> applied(marker) == 1);
        assertThat(applied(duplicated)).isEqualTo(1);
        assertThat(count("select count(*) from inbox_event where event_id = ?", duplicated)).isEqualTo(1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheRecordsBehindThemAreStillProcessed() throws SQLException {
        String key = UUID.randomUUID().toString();
        UUID notJson = UUID.randomUUID();
        UUID wrongSchema = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(withHeaders(new ProducerRecord<>(PlumbingInfrastructure.TOPIC, key,
                    "this is { not json".getBytes(StandardCharsets.UTF_8)), notJson));
            producer.send(withHeaders(new ProducerRecord<>(PlumbingInfrastructure.TOPIC, key,
                    "{\"noteId\":\"not-a-uuid\",\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8)), wrongSchema));
            producer.send(noted(key, good, "behind two poison records"));
            producer.flush();
        }
        await().atMost(PATIENCE).until(() -> applied(good) == 1);
        assertThat(applied(notJson)).isZero();
        assertThat(applied(wrongSchema)).isZero();

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = TopicReader.readAll(bootstrap(), PlumbingInfrastructure.DLQ)
                    .stream().filter(r -> key.equals(r.key())).toList();
            assertThat(dead).extracting(r -> TopicReader.header(r, "ce_id"))
                    .containsExactlyInAnyOrder(notJson.toString(), wrongSchema.toString());
            assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "dead-letter-reason")).isNotBlank());
        });
    }

    @Test
    void aPollsRecordsAreAppliedTogetherInFewTransactionsEachKeyInItsOrder() throws SQLException {
        List<String> keys = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<UUID> sent = new java.util.ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                UUID eventId = UUID.randomUUID();
                sent.add(eventId);
                producer.send(noted(keys.get(i % 3), eventId, "batch " + i));
            }
            producer.flush();
        }
        await().atMost(PATIENCE).until(() -> sent.stream().allMatch(id -> uncheckedApplied(id) == 1));
        List<Long> transactions = column("select tx from applied_note where event_id = any(?) order by id", sent);
        assertThat(new HashSet<>(transactions)).as("transactions for 30 records of one poll").hasSizeLessThan(10);
        for (String key : keys) {
            List<String> bodies = column("select body from applied_note where event_id = any(?) order by id",
                    sent.stream().filter(id -> key.equals(keys.get(sent.indexOf(id) % 3))).toList());
            List<String> sorted = bodies.stream()
                    .sorted(java.util.Comparator.comparingInt(b -> Integer.parseInt(b.substring("batch ".length())))).toList();
            assertThat(bodies).as("order of key %s", key).isEqualTo(sorted);
        }
    }

    @Test
    void aRecordRefusedByItsEffectLeavesNoTraceAndTheRestOfItsPollIsAppliedOnce() throws SQLException {
        String key = UUID.randomUUID().toString();
        String otherKey = UUID.randomUUID().toString();
        List<UUID> good = new java.util.ArrayList<>();
        UUID refused = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                if (i == 4) {
                    producer.send(noted(key, refused, NoteConsumer.REFUSED));
                }
                UUID eventId = UUID.randomUUID();
                good.add(eventId);
                producer.send(noted(i % 2 == 0 ? key : otherKey, eventId, "around a refused note " + i));
            }
            producer.flush();
        }
        await().atMost(PATIENCE).until(() -> good.stream().allMatch(id -> uncheckedApplied(id) == 1));
        assertThat(applied(refused)).isZero();
        assertThat(count("select count(*) from inbox_event where event_id = ?", refused)).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAll(bootstrap(), PlumbingInfrastructure.DLQ))
                .filteredOn(r -> refused.toString().equals(TopicReader.header(r, "ce_id"))).singleElement()
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo(key);
                    assertThat(TopicReader.header(r, "dead-letter-reason")).isEqualTo("this note is refused by its effect");
                    assertThat(TopicReader.header(r, "dead-letter-topic")).isEqualTo(PlumbingInfrastructure.TOPIC);
                }));
        for (UUID id : good) {
            assertThat(applied(id)).isEqualTo(1);
        }
    }

    @Test
    void twoRelaysOnTheSameOutboxPublishEveryEventExactlyOnce() throws Exception {
        OutboxRelay second = new OutboxRelay(dataSource,
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new SimpleMeterRegistry(), true, 8, 50,
                Duration.ofMillis(20), Duration.ofSeconds(30));
        relay.stop();
        Set<UUID> eventIds = new HashSet<>();
        try {
            for (int i = 0; i < 400; i++) {
                eventIds.add(notes.record(UUID.randomUUID(), "note " + i));
            }
            second.start();
            relay.start();
            await().atMost(PATIENCE).until(() -> count("select count(*) from outbox_event", null) == 0);
        } finally {
            second.stop();
            relay.start();
        }
        Map<String, Long> published = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrap(), PlumbingInfrastructure.TOPIC)) {
            String id = TopicReader.header(r, "ce_id");
            if (eventIds.contains(UUID.fromString(id))) {
                published.merge(id, 1L, Long::sum);
            }
        }
        assertThat(published).hasSize(eventIds.size());
        assertThat(published.values()).containsOnly(1L);
    }

    @Test
    void inboxForgetsEntriesOlderThanItsRetentionAndKeepsRecentOnes() throws SQLException {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into inbox_event (consumer, event_id, received_at) values ('retention-test', ?, now() - cast(? as interval))")) {
            insert.setObject(1, old);
            insert.setString(2, "31 days");
            insert.executeUpdate();
            insert.setObject(1, recent);
            insert.setString(2, "29 days");
            insert.executeUpdate();
        }
        retention.forgetOldEntries();
        assertThat(count("select count(*) from inbox_event where event_id = ?", old)).isZero();
        assertThat(count("select count(*) from inbox_event where event_id = ?", recent)).isEqualTo(1);
    }

    private static String bootstrap() {
        return RealInfrastructure.servers().kafkaBootstrap();
    }

    private static List<ConsumerRecord<String, String>> recordsWithKey(String topic, String key) {
        return TopicReader.readAll(bootstrap(), topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static List<ConsumerRecord<String, String>> recordsWithId(String topic, UUID eventId) {
        return TopicReader.readAll(bootstrap(), topic).stream()
                .filter(r -> eventId.toString().equals(TopicReader.header(r, "ce_id"))).toList();
    }

    private long applied(UUID eventId) throws SQLException {
        return count("select count(*) from applied_note where event_id = ?", eventId);
    }

    private long uncheckedApplied(UUID eventId) {
        try {
            return applied(eventId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> column(String sql, List<UUID> ids) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            List<T> values = new java.util.ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add((T) rs.getObject(1));
                }
            }
            return values;
        }
    }

    private long count(String sql, UUID parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            if (parameter != null) {
                query.setObject(1, parameter);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> noted(String key, UUID eventId, String body) {
        String json = "{\"noteId\":\"" + UUID.randomUUID() + "\",\"body\":\"" + body + "\"}";
        return withHeaders(new ProducerRecord<>(PlumbingInfrastructure.TOPIC, key, json.getBytes(StandardCharsets.UTF_8)),
                eventId);
    }

    private static ProducerRecord<String, byte[]> withHeaders(ProducerRecord<String, byte[]> record, UUID eventId) {
        return TestEvents.record(record.topic(), record.key(), "test.noted.v1", eventId, record.value());
    }
}
