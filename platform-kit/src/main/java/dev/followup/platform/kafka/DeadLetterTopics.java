package dev.followup.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.followup.platform.events.CloudEventHeaders;
import io.smallrye.common.annotation.Identifier;

/**
 * The dead-letter topics of this service's consumers (each channel's {@code dead-letter-queue.topic}): what lies in
 * them, and putting a record back on the topic it came from once the cause is fixed.
 * <p>
 * A replayed record keeps its key, value and CloudEvent headers, so it lands in the same partition and carries the
 * same {@code ce_id}: every consumer's inbox drops it where it was already applied, which makes a replay safe to
 * repeat. It arrives behind whatever that key received in the meantime.
 */
@ApplicationScoped
public class DeadLetterTopics {
    /** Headers SmallRye's dead-letter-queue failure strategy adds; a replay leaves them off. */
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String SOURCE_TOPIC = "dead-letter-topic";
    public static final String SOURCE_PARTITION = "dead-letter-partition";
    public static final String SOURCE_OFFSET = "dead-letter-offset";
    /** Where a replayed record came from, {@code <dead-letter topic>/<partition>/<offset>}. */
    public static final String REPLAYED_FROM = "followup-replayed-from";

    private static final Logger LOG = Logger.getLogger(DeadLetterTopics.class);
    private static final Pattern DLQ_PROPERTY = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic");
    private static final Duration BROKER_PATIENCE = Duration.ofSeconds(15);
    private static final int VALUE_SHOWN = 4000;
    /** Kafka registers each client by id; concurrent admin requests each get their own. */
    private static final AtomicLong CLIENTS = new AtomicLong();

    private final Map<String, Object> kafkaConfig;
    private final List<String> topics;

    public DeadLetterTopics(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Config config) {
        this.kafkaConfig = kafkaConfig;
        TreeSet<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (DLQ_PROPERTY.matcher(property).matches()) {
                config.getOptionalValue(property, String.class).ifPresent(names::add);
            }
        }
        this.topics = List.copyOf(names);
    }

    public record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, String key,
            String sourceTopic, Integer sourcePartition, Long sourceOffset, String eventId, String eventType,
            String reason, String cause, String value, boolean valueTruncated) {
    }

    public record Replayed(String topic, int partition, long offset, String eventId, String sourceTopic,
            int sourcePartition, long sourceOffset) {
    }

    /** A dead letter as read from its topic: what it shows, and the record itself, which a replay sends back. */
    public record Found(DeadLetter letter, ConsumerRecord<byte[], byte[]> record) {
    }

    public List<String> topics() {
        return topics;
    }

    /** The newest {@code limit} records of a dead-letter topic, oldest first. */
    public List<DeadLetter> newest(String topic, int limit) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, BROKER_PATIENCE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, BROKER_PATIENCE);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER_PATIENCE);
            for (TopicPartition p : partitions) {
                consumer.seek(p, Math.max(begin.get(p), end.get(p) - limit));
            }
            List<DeadLetter> found = new ArrayList<>();
            long deadline = System.nanoTime() + BROKER_PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        found.add(describe(r));
                    }
                }
            }
            found.sort(Comparator.comparing(DeadLetter::deadLetteredAt).thenComparing(DeadLetter::partition)
                    .thenComparing(DeadLetter::offset));
            return found.size() > limit ? List.copyOf(found.subList(found.size() - limit, found.size())) : found;
        }
    }

    public Optional<Found> find(String topic, int partition, long offset) {
        return read(topic, partition, offset).map(r -> new Found(describe(r), r));
    }

    /**
     * Sends each record back to its source topic, in the order given; stops at the first the broker refuses (the
     * ones before it are replayed).
     */
    public List<Replayed> replay(List<Found> records) {
        List<Replayed> replayed = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Found found : records) {
                DeadLetter letter = found.letter();
                ConsumerRecord<byte[], byte[]> dead = found.record();
                Headers headers = new RecordHeaders();
                for (Header h : dead.headers()) {
                    if (!h.key().startsWith("dead-letter-") && !h.key().equals(REPLAYED_FROM)) {
                        headers.add(h);
                    }
                }
                String from = letter.topic() + "/" + letter.partition() + "/" + letter.offset();
                headers.add(REPLAYED_FROM, from.getBytes(StandardCharsets.UTF_8));
                RecordMetadata sent = producer.send(new ProducerRecord<>(letter.sourceTopic(), null, dead.key(),
                        dead.value(), headers)).get(BROKER_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Replayed dead letter %s (event %s) to %s-%d at offset %d", from, letter.eventId(),
                        sent.topic(), sent.partition(), sent.offset());
                replayed.add(new Replayed(letter.topic(), letter.partition(), letter.offset(), letter.eventId(),
                        sent.topic(), sent.partition(), sent.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take a replayed record; replayed before it: " + replayed, e);
        }
        return replayed;
    }

    private Optional<ConsumerRecord<byte[], byte[]>> read(String topic, int partition, long offset) {
        TopicPartition p = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            boolean partitionExists = consumer.partitionsFor(topic, BROKER_PATIENCE).stream()
                    .anyMatch(info -> info.partition() == partition);
            if (!partitionExists) {
                return Optional.empty();
            }
            consumer.assign(List.of(p));
            long begin = consumer.beginningOffsets(List.of(p), BROKER_PATIENCE).get(p);
            long end = consumer.endOffsets(List.of(p), BROKER_PATIENCE).get(p);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(p, offset);
            long deadline = System.nanoTime() + BROKER_PATIENCE.toNanos();
            while (System.nanoTime() < deadline && consumer.position(p) <= offset) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static DeadLetter describe(ConsumerRecord<byte[], byte[]> r) {
        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        boolean truncated = value != null && value.length() > VALUE_SHOWN;
        Long sourcePartition = number(header(r, SOURCE_PARTITION));
        return new DeadLetter(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), header(r, SOURCE_TOPIC),
                sourcePartition == null ? null : sourcePartition.intValue(), number(header(r, SOURCE_OFFSET)),
                header(r, CloudEventHeaders.ID), header(r, CloudEventHeaders.TYPE), header(r, REASON), header(r, CAUSE), truncated ? value.substring(0, VALUE_SHOWN) : value, truncated);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = KafkaClientConfig.only(kafkaConfig, ConsumerConfig.configNames());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-reader-" + CLIENTS.incrementAndGet());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = KafkaClientConfig.only(kafkaConfig, ProducerConfig.configNames());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay-" + CLIENTS.incrementAndGet());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
