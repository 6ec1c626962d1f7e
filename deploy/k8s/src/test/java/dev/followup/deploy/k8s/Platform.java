package dev.followup.deploy.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the manifests are checked against: contracts/topics.json and the services' shutdown timeout. */
final class Platform {
    static final Path ROOT = Path.of(System.getProperty("followup.root", "../..")).toAbsolutePath().normalize();
    static final Path K8S = Path.of(System.getProperty("followup.k8s", ".")).toAbsolutePath().normalize();
    static final Path WORK = Path.of(System.getProperty("followup.work", "target/k8s-render")).toAbsolutePath().normalize();

    /** A topic of topics.json. */
    record Topic(String name, boolean compacted, String producer, List<String> consumers) {
        List<String> deadLetterTopics() {
            return consumers.stream().map(c -> c + "." + name + ".dlq").toList();
        }
    }

    final int partitions;
    final List<Topic> topics = new ArrayList<>();

    private Platform(JsonNode root) {
        partitions = root.path("partitions").asInt(0);
        for (JsonNode node : root.path("topics")) {
            List<String> consumers = new ArrayList<>();
            node.path("consumers").forEach(c -> consumers.add(c.asText()));
            topics.add(new Topic(node.path("name").asText(), node.path("compacted").asBoolean(false),
                    node.path("producer").asText(), List.copyOf(consumers)));
        }
    }

    static Platform load() {
        Path file = ROOT.resolve("contracts/topics.json");
        try {
            return new Platform(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Every topic name and dead-letter topic name, with whether it is compacted. */
    Map<String, Boolean> allTopics() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        for (Topic topic : topics) {
            all.put(topic.name(), topic.compacted());
            topic.deadLetterTopics().forEach(dlq -> all.put(dlq, false));
        }
        return all;
    }

    /** Consumer (group id) to the topics it reads. */
    Map<String, List<String>> topicsByConsumer() {
        Map<String, List<String>> byConsumer = new LinkedHashMap<>();
        for (Topic topic : topics) {
            for (String consumer : topic.consumers()) {
                byConsumer.computeIfAbsent(consumer, c -> new ArrayList<>()).add(topic.name());
            }
        }
        return byConsumer;
    }

    /** The four services, as <name>-service: every producer and consumer of topics.json. */
    List<String> services() {
        List<String> services = new ArrayList<>();
        for (Topic topic : topics) {
            if (!services.contains(topic.producer() + "-service")) {
                services.add(topic.producer() + "-service");
            }
            topic.consumers().stream().map(c -> c + "-service").filter(s -> !services.contains(s)).forEach(services::add);
        }
        return services;
    }

    /** The JVM flags every service runs with (deploy/service-jvm.options, a java @-file: one flag a line, # comments). */
    static List<String> serviceJvmOptions() {
        try {
            return Files.readAllLines(ROOT.resolve("deploy/service-jvm.options")).stream()
                    .map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read deploy/service-jvm.options", e);
        }
    }

    /** quarkus.shutdown.timeout: the platform-kit default, or a longer one a service sets itself. */
    static Duration shutdownTimeout(String service) {
        Duration timeout = Duration.ZERO;
        for (Path file : List.of(ROOT.resolve("platform-kit/src/main/resources/META-INF/microprofile-config.properties"),
                ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            if (!Files.exists(file)) {
                continue;
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
            for (String key : List.of("quarkus.shutdown.timeout", "%prod.quarkus.shutdown.timeout")) {
                String value = properties.getProperty(key);
                if (value != null) {
                    Duration d = parseDuration(value.trim());
                    if (d.compareTo(timeout) > 0) {
                        timeout = d;
                    }
                }
            }
        }
        return timeout;
    }

    /** Quarkus durations: "20s", "2m", "500ms", "PT20S" or plain seconds. */
    static Duration parseDuration(String value) {
        String v = value.toLowerCase();
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(value.toUpperCase());
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        if (v.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        if (v.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(v));
    }
}
