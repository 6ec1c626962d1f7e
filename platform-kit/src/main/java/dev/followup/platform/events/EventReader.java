package dev.followup.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a raw Kafka record into a {@link ReceivedEvent}, or throws {@link PoisonRecordException}. */
@ApplicationScoped
public class EventReader {
    private final ObjectMapper mapper;
    private final ContractRegistry contracts;

    public EventReader(ObjectMapper mapper, ContractRegistry contracts) {
        this.mapper = mapper;
        this.contracts = contracts;
    }

    public ReceivedEvent read(ConsumerRecord<String, byte[]> record) {
        UUID id = parseId(requiredHeader(record, CloudEventHeaders.ID));
        String type = requiredHeader(record, CloudEventHeaders.TYPE);
        String source = requiredHeader(record, CloudEventHeaders.SOURCE);
        Instant time = parseTime(requiredHeader(record, CloudEventHeaders.TIME));
        if (!contracts.knows(type)) {
            throw new PoisonRecordException("unknown event type " + type);
        }
        JsonNode payload = parseJson(record.value());
        List<String> violations = contracts.violations(type, payload);
        if (!violations.isEmpty()) {
            throw new PoisonRecordException(type + " breaks its contract: " + String.join("; ", violations));
        }
        return new ReceivedEvent(id, type, source, time, record.key(), payload, mapper);
    }

    private JsonNode parseJson(byte[] value) {
        if (value == null || value.length == 0) {
            throw new PoisonRecordException("empty record value");
        }
        try {
            JsonNode node = mapper.readTree(value);
            if (node == null || !node.isObject()) {
                throw new PoisonRecordException("record value is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new PoisonRecordException("record value is not JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new PoisonRecordException("record value is not readable: " + e.getMessage(), e);
        }
    }

    private static String requiredHeader(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            throw new PoisonRecordException("missing CloudEvents header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("ce_id is not a UUID: " + value, e);
        }
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException("ce_time is not an RFC 3339 instant: " + value, e);
        }
    }
}
