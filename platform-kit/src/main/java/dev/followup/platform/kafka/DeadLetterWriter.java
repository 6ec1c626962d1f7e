package dev.followup.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.followup.platform.retry.Backoff;
import io.smallrye.common.annotation.Identifier;

/**
 * Moves a record a consumer cannot apply to its channel's dead-letter topic ({@code dead-letter-queue.topic}), with
 * the headers SmallRye's dead-letter-queue strategy writes ({@link DeadLetterTopics} reads and replays them). Used by
 * batch consumers, where the connector's own strategy would dead-letter the wrong records: it nacks a batch as a
 * whole. The write is acknowledged by the broker before the caller goes on, so the record's offset is committed only
 * once it is safe in the dead-letter topic; while the broker is away the write is retried.
 */
@ApplicationScoped
public class DeadLetterWriter {
    private static final Logger LOG = Logger.getLogger(DeadLetterWriter.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final Duration ACK_PATIENCE = Duration.ofSeconds(30);

    private final Map<String, Object> kafkaConfig;
    private final Config config;
    private final Map<String, String> topics = new ConcurrentHashMap<>();
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean closed;

    public DeadLetterWriter(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Config config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    /** The dead-letter topic of an incoming channel, as its configuration names it. */
    public String topicOf(String channel) {
        return topics.computeIfAbsent(channel, c -> config
                .getOptionalValue("mp.messaging.incoming." + c + ".dead-letter-queue.topic", String.class)
                .orElseThrow(() -> new IllegalStateException("channel " + c + " has no dead-letter-queue.topic")));
    }

    /** Blocks until the broker has the dead letter; throws only when interrupted or shutting down. */
    public void write(String channel, ConsumerRecord<String, byte[]> record, Throwable reason) {
        ProducerRecord<String, byte[]> dead = deadLetter(topicOf(channel), record, reason);
        for (int attempt = 1; ; attempt++) {
            try {
                producer().send(dead).get(ACK_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                LOG.warnf("record %s/%d/%d dead-lettered to %s: %s", record.topic(), record.partition(), record.offset(),
                        dead.topic(), message(reason));
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (closed) {
                    throw new IllegalStateException("shutting down before a dead letter was written", e);
                }
                LOG.warnf("dead letter of %s/%d/%d not written yet (attempt %d): %s", record.topic(), record.partition(),
                        record.offset(), attempt, e.toString());
                BACKOFF.pauseAfter(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted before a dead letter was written", e);
            }
        }
    }

    static ProducerRecord<String, byte[]> deadLetter(String topic, ConsumerRecord<String, byte[]> record, Throwable reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topic, record.key(), record.value());
        header(dead, "dead-letter-exception-class-name", reason.getClass().getName());
        header(dead, DeadLetterTopics.REASON, message(reason));
        if (reason.getCause() != null) {
            header(dead, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
            header(dead, DeadLetterTopics.CAUSE, message(reason.getCause()));
        }
        header(dead, DeadLetterTopics.SOURCE_TOPIC, record.topic());
        header(dead, DeadLetterTopics.SOURCE_PARTITION, Integer.toString(record.partition()));
        header(dead, DeadLetterTopics.SOURCE_OFFSET, Long.toString(record.offset()));
        record.headers().forEach(h -> dead.headers().add(h));
        return dead;
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> settings = KafkaClientConfig.only(kafkaConfig, ProducerConfig.configNames());
                    settings.put(ProducerConfig.ACKS_CONFIG, "all");
                    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
                    producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
