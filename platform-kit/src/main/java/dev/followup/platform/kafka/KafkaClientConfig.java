package dev.followup.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The Kafka settings every client of a service shares ({@code default-kafka-broker}), narrowed to one kind of client. */
public final class KafkaClientConfig {
    private KafkaClientConfig() {
    }

    /**
     * The entries of {@code shared} that a client of the kind knows ({@code ProducerConfig.configNames()},
     * {@code ConsumerConfig.configNames()}), in a new map the caller may add to; the rest would only be logged as
     * unknown by the client.
     */
    public static Map<String, Object> only(Map<String, Object> shared, Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        shared.forEach((key, value) -> {
            if (names.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }
}
