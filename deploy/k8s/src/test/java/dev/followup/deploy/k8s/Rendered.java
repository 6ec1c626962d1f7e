package dev.followup.deploy.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The objects one overlay rendered to, with look-ups by kind and name. */
final class Rendered {
    final String overlay;
    final String renderer;
    final List<JsonNode> objects = new ArrayList<>();

    Rendered(String overlay, String renderer, String yaml) {
        this.overlay = overlay;
        this.renderer = renderer;
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && doc.has("kind")) {
                    objects.add(doc);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the rendering of " + overlay + " is not YAML: " + e.getMessage(), e);
        }
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** Every variable a container sees: its envFrom ConfigMaps (resolved here) and Secrets, then its env. */
    Map<String, EnvSource> environment(JsonNode container) {
        Map<String, EnvSource> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                String cm = from.path("configMapRef").path("name").asText();
                find("ConfigMap", cm).ifPresent(map -> map.path("data").fields()
                        .forEachRemaining(e -> env.put(e.getKey(), EnvSource.literal(e.getValue().asText(), "ConfigMap " + cm))));
            }
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            if (var.has("value")) {
                env.put(name, EnvSource.literal(var.path("value").asText(), "env value"));
            } else if (var.path("valueFrom").has("secretKeyRef")) {
                JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                env.put(name, new EnvSource(null, "Secret " + ref.path("name").asText() + "/" + ref.path("key").asText(), true));
            } else if (var.path("valueFrom").has("configMapKeyRef")) {
                JsonNode ref = var.path("valueFrom").path("configMapKeyRef");
                String value = find("ConfigMap", ref.path("name").asText())
                        .map(cm -> cm.path("data").path(ref.path("key").asText()).asText(null)).orElse(null);
                env.put(name, new EnvSource(value, "ConfigMap " + ref.path("name").asText(), false));
            } else {
                env.put(name, new EnvSource(null, "valueFrom", false));
            }
        }
        return env;
    }

    record EnvSource(String value, String from, boolean secret) {
        static EnvSource literal(String value, String from) {
            return new EnvSource(value, from, false);
        }
    }

    private static final Pattern QUANTITY = Pattern.compile("^(\\d+(?:\\.\\d+)?)([KMGT]i?|[kmgt]|)$");

    /** A memory quantity ("384Mi", "1Gi", "512M", "1000000") in bytes. */
    static long bytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches()) {
            throw new AssertionError("not a memory quantity: " + quantity);
        }
        double n = Double.parseDouble(m.group(1));
        long factor = switch (m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "K", "k" -> 1_000L;
            case "M", "m" -> 1_000_000L;
            case "G", "g" -> 1_000_000_000L;
            case "T", "t" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return (long) (n * factor);
    }

    /** Do the selector's matchLabels (or plain map) all appear in these labels? */
    static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
        if (!match.isObject() || match.size() == 0) {
            return false;
        }
        var fields = match.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return overlay + " rendered by " + renderer;
    }
}
