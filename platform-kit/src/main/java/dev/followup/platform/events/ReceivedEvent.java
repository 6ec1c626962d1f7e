package dev.followup.platform.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An event or command read from Kafka, its CloudEvents headers checked and its payload valid against its contract. */
public final class ReceivedEvent {
    private final UUID id;
    private final String type;
    private final String source;
    private final Instant time;
    private final String key;
    private final JsonNode payload;
    private final ObjectMapper mapper;

    ReceivedEvent(UUID id, String type, String source, Instant time, String key, JsonNode payload, ObjectMapper mapper) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.time = time;
        this.key = key;
        this.payload = payload;
        this.mapper = mapper;
    }

    public UUID id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    public Instant time() {
        return time;
    }

    /** The record key: the lead id for lead-scoped streams, the dealer or rep id on the directory. */
    public String key() {
        return key;
    }

    public JsonNode payload() {
        return payload;
    }

    /** Binds the payload to the consumer's own record class; a payload that does not bind is a poison record. */
    public <T> T payloadAs(Class<T> recordClass) {
        try {
            return mapper.treeToValue(payload, recordClass);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonRecordException(type + " payload does not bind to " + recordClass.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
