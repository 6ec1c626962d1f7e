package dev.followup.insights;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.followup.testing.TestEvents;

/**
 * Publishes events the way their producers would: each one the contract's example (contracts/examples) with the
 * fields a test cares about replaced, so every payload is valid against its schema.
 */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** Name-value pairs: {@code fields("leadId", id, "customer.phoneType", null)}. */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** @param fields replaced in the example; a value of {@code null} sets JSON null; "customer.phoneType" reaches in */
    static void publish(String type, Map<String, ?> fields) {
        ObjectNode payload = example(type);
        fields.forEach((path, value) -> {
            ObjectNode target = payload;
            String name = path;
            int dot = path.indexOf('.');
            if (dot > 0) {
                target = (ObjectNode) payload.get(path.substring(0, dot));
                name = path.substring(dot + 1);
            }
            target.set(name, JSON.valueToTree(value instanceof UUID || value instanceof Instant ? value.toString() : value));
        });
        String topic = topicOf(type);
        String key = payload.has("leadId") ? payload.get("leadId").asText()
                : payload.has("repId") ? payload.get("repId").asText() : payload.get("dealerId").asText();
        try {
            TestEvents.publish(topic, key, type, JSON.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String topicOf(String type) {
        return switch (type.substring(0, type.indexOf('.'))) {
            case "directory" -> "dealer-directory";
            case "lead" -> "lead-events";
            case "followup" -> "cadence-commands";
            case "message", "email" -> "message-events";
            case "task" -> "task-events";
            default -> throw new IllegalArgumentException("no topic for " + type);
        };
    }

    private static ObjectNode example(String type) {
        try (InputStream in = Events.class.getClassLoader().getResourceAsStream("contracts/examples/" + type + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
