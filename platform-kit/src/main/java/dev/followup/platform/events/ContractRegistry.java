package dev.followup.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of contracts/, one per CloudEvents type ({@code contracts/events/<type>.schema.json} on the
 * classpath). Producers validate before writing to the outbox and consumers after reading, so neither side can
 * drift from the contract unnoticed.
 */
@ApplicationScoped
public class ContractRegistry {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /**
     * Asserts {@code format} (uuid, date-time, uri): by default 2020-12 treats it as an annotation only, which would let
     * a malformed id or instant through.
     */
    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final ConcurrentMap<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();

    public boolean knows(String type) {
        return schema(type).isPresent();
    }

    /** @return the violations of the payload against the type's schema; empty when valid. */
    public List<String> violations(String type, JsonNode payload) {
        JsonSchema schema = schema(type)
                .orElseThrow(() -> new IllegalArgumentException("no contract for event type " + type));
        Set<ValidationMessage> messages = schema.validate(payload);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    public void requireValid(String type, JsonNode payload) {
        List<String> violations = violations(type, payload);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(type + " breaks its contract: " + String.join("; ", violations));
        }
    }

    private Optional<JsonSchema> schema(String type) {
        if (type == null || !type.matches("[a-z0-9.-]+")) {
            return Optional.empty();
        }
        return schemas.computeIfAbsent(type, ContractRegistry::load);
    }

    private static Optional<JsonSchema> load(String type) {
        String resource = "contracts/events/" + type + ".schema.json";
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(FACTORY.getSchema(in, CONFIG));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
