package dev.followup.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.followup.platform.events.CloudEventHeaders;

/**
 * Feeds a service's consumers in tests the way another service's outbox relay would: a JSON value with CloudEvents
 * binary-mode headers, keyed as given, acknowledged by the real broker before the call returns.
 */
public final class TestEvents {
    private static KafkaProducer<String, byte[]> producer;

    private TestEvents() {
    }

    /** Publishes one record with a fresh event id. @return the event id ({@code ce_id}) */
    public static UUID publish(String topic, String key, String type, byte[] json) {
        UUID eventId = UUID.randomUUID();
        publish(topic, key, type, eventId, json);
        return eventId;
    }

    /** Publishes one record with the given event id (the same id twice is a redelivery). */
    public static void publish(String topic, String key, String type, UUID eventId, byte[] json) {
        send(record(topic, key, type, eventId, json));
    }

    /** A record with every CloudEvents header set, for tests that send it themselves (or break it on purpose). */
    public static ProducerRecord<String, byte[]> record(String topic, String key, String type, UUID eventId, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        header(record, CloudEventHeaders.ID, eventId.toString());
        header(record, CloudEventHeaders.TYPE, type);
        header(record, CloudEventHeaders.SOURCE, "tests");
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    /** Sends a record and waits for the broker's acknowledgement. */
    public static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + record.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + record.topic(), e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    RealInfrastructure.servers().kafkaBootstrap(), ProducerConfig.LINGER_MS_CONFIG, 1),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
