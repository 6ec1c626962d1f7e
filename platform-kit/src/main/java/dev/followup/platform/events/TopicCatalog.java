package dev.followup.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The platform's topics as declared in {@code contracts/topics.json}, with their derived dead-letter topics. */
public record TopicCatalog(int partitions, List<Topic> topics) {

    public record Topic(String name, boolean compacted, String producer, List<String> consumers) {
        public List<String> deadLetterTopics() {
            return consumers.stream().map(consumer -> deadLetterTopic(consumer, name)).toList();
        }
    }

    public static String deadLetterTopic(String consumer, String topic) {
        return consumer + "." + topic + ".dlq";
    }

    public List<String> allTopicNames() {
        List<String> names = new ArrayList<>();
        for (Topic topic : topics) {
            names.add(topic.name());
            names.addAll(topic.deadLetterTopics());
        }
        return names;
    }

    public static TopicCatalog load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = TopicCatalog.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream("contracts/topics.json")) {
            if (in == null) {
                throw new IllegalStateException("contracts/topics.json is not on the classpath");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read contracts/topics.json", e);
        }
    }

    static TopicCatalog parse(JsonNode root) {
        List<Topic> topics = new ArrayList<>();
        for (JsonNode node : root.path("topics")) {
            List<String> consumers = new ArrayList<>();
            node.path("consumers").forEach(c -> consumers.add(c.asText()));
            topics.add(new Topic(node.path("name").asText(), node.path("compacted").asBoolean(false),
                    node.path("producer").asText(), List.copyOf(consumers)));
        }
        return new TopicCatalog(root.path("partitions").asInt(12), List.copyOf(topics));
    }
}
