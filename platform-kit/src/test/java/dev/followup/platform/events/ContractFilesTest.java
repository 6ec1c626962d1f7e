package dev.followup.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The files of contracts/ hold together: every schema is a valid JSON Schema 2020-12 following the platform's
 * conventions, every example validates, topics.json and the schemas name the same types, and broken payloads are
 * rejected (formats included) both here and by {@link ContractRegistry} at runtime.
 */
class ContractFilesTest {
    private static final Path CONTRACTS = Path.of("..", "contracts");
    private static final Path EVENTS = CONTRACTS.resolve("events");
    private static final Path EXAMPLES = CONTRACTS.resolve("examples");
    private static final String SCHEMA_SUFFIX = ".schema.json";
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final String E164 = "^\\+[1-9][0-9]{6,14}$";
    /** Properties holding a phone number, which must carry the E.164 pattern. */
    private static final Set<String> PHONE_PROPERTIES = Set.of("phone", "to", "textingNumber", "contactPhone");
    /** Properties named *Id that are not our UUIDs. */
    private static final Set<String> NON_UUID_IDS = Set.of("sourceLeadId", "stepId");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Same factory and format-asserting config as {@link ContractRegistry}. */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final ContractRegistry REGISTRY = new ContractRegistry();

    // ------------------------------------------------------------------------------------------------ sources

    static List<String> schemaTypes() {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(SCHEMA_SUFFIX))
                    .map(name -> name.substring(0, name.length() - SCHEMA_SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> topicTypes() {
        Set<String> types = new TreeSet<>();
        for (JsonNode topic : read(CONTRACTS.resolve("topics.json")).path("topics")) {
            topic.path("types").forEach(t -> assertTrue(types.add(t.asText()), "type listed twice: " + t.asText()));
        }
        return types;
    }

    private static JsonNode read(Path path) {
        try {
            return MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static JsonNode schemaNode(String type) {
        return read(EVENTS.resolve(type + SCHEMA_SUFFIX));
    }

    private static ObjectNode example(String type) {
        return (ObjectNode) read(EXAMPLES.resolve(type + ".json"));
    }

    private static JsonSchema schema(String type) {
        try (InputStream in = Files.newInputStream(EVENTS.resolve(type + SCHEMA_SUFFIX))) {
            return FACTORY.getSchema(in, ContractRegistry.CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> errors(JsonSchema schema, JsonNode payload) {
        return schema.validate(payload).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    // ------------------------------------------------------------------------------------------------ catalog

    @Test
    void topicsJsonAndSchemasNameTheSameTypes() {
        Set<String> schemas = new TreeSet<>(schemaTypes());
        Set<String> topics = topicTypes();
        assertFalse(topics.isEmpty(), "topics.json lists no types");
        assertEquals(topics, schemas, "types in topics.json vs schemas in contracts/events/");
    }

    @Test
    void everySchemaHasAnExampleAndViceVersa() throws IOException {
        Set<String> examples = new TreeSet<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            files.map(p -> p.getFileName().toString()).forEach(name -> {
                assertTrue(name.endsWith(".json"), "unexpected file in contracts/examples/: " + name);
                examples.add(name.substring(0, name.length() - ".json".length()));
            });
        }
        assertEquals(new TreeSet<>(schemaTypes()), examples, "schemas vs examples");
    }

    @Test
    void formatsAreAsserted() {
        JsonSchema uuid = FACTORY.getSchema(MAPPER.createObjectNode().put("type", "string").put("format", "uuid"),
                ContractRegistry.CONFIG);
        JsonSchema instant = FACTORY.getSchema(
                MAPPER.createObjectNode().put("type", "string").put("format", "date-time"), ContractRegistry.CONFIG);
        JsonNodeFactory n = JsonNodeFactory.instance;
        assertTrue(errors(uuid, n.textNode("7b2e9c14-3a5f-4d6b-8e1c-2f9a0b7c6d53")).isEmpty());
        assertFalse(errors(uuid, n.textNode("not-a-uuid")).isEmpty(), "format uuid is not asserted");
        assertTrue(errors(instant, n.textNode("2025-03-14T15:04:02.318Z")).isEmpty());
        assertFalse(errors(instant, n.textNode("2025-03-14 15:04")).isEmpty(), "format date-time is not asserted");
    }

    // ------------------------------------------------------------------------------------------------ each schema

    @ParameterizedTest
    @MethodSource("schemaTypes")
    void schemaIsAValid2020_12SchemaFollowingTheConventions(String type) {
        JsonNode node = schemaNode(type);
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), ContractRegistry.CONFIG);
        assertEquals(List.of(), errors(metaSchema, node), type + " against the 2020-12 meta-schema");

        assertEquals(DRAFT_2020_12, node.path("$schema").asText(), type + ": $schema");
        assertEquals("urn:followup:contracts:" + type, node.path("$id").asText(), type + ": $id");
        assertFalse(node.path("title").asText().isBlank(), type + ": title");
        assertFalse(node.path("description").asText().isBlank(), type + ": description");
        assertEquals("object", node.path("type").asText(), type + ": payload must be an object");

        List<String> problems = new ArrayList<>();
        checkConventions(node, "#", problems);
        assertEquals(List.of(), problems, type + " conventions");

        schema(type).initializeValidators(); // compiles every keyword, references included
    }

    /**
     * Objects are closed (additionalProperties false, or a value schema for a map) with an explicit required list;
     * free strings are bounded; optional properties accept null and required ones do not; ids, instants and phones
     * use the shared formats.
     */
    private static void checkConventions(JsonNode node, String path, List<String> problems) {
        Set<String> types = typesOf(node);
        if (types.contains("object")) {
            JsonNode additional = node.get("additionalProperties");
            if (additional == null || additional.isBoolean() && additional.asBoolean()) {
                problems.add(path + ": additionalProperties must be false (or a value schema for a map)");
            }
            if (additional != null && additional.isObject()) {
                checkConventions(additional, path + "/additionalProperties", problems);
            } else {
                JsonNode properties = node.path("properties");
                JsonNode required = node.get("required");
                if (!properties.isObject() || required == null || !required.isArray()) {
                    problems.add(path + ": a closed object needs properties and an explicit required list");
                } else {
                    Set<String> requiredNames = new TreeSet<>();
                    required.forEach(r -> requiredNames.add(r.asText()));
                    requiredNames.stream().filter(r -> !properties.has(r))
                            .forEach(r -> problems.add(path + ": required " + r + " is not a property"));
                    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> property = it.next();
                        String name = property.getKey();
                        JsonNode sub = property.getValue();
                        String subPath = path + "/properties/" + name;
                        boolean nullable = typesOf(sub).contains("null");
                        if (requiredNames.contains(name) && nullable) {
                            problems.add(subPath + ": a required property must not accept null");
                        }
                        if (!requiredNames.contains(name) && !nullable) {
                            problems.add(subPath + ": an optional property must accept null");
                        }
                        checkNaming(name, sub, subPath, problems);
                        checkConventions(sub, subPath, problems);
                    }
                }
            }
        }
        if (types.contains("string") && !node.has("enum") && !node.has("format") && !node.has("maxLength")) {
            problems.add(path + ": a free-text string needs maxLength");
        }
        if (node.has("enum") && types.contains("null") && !containsNull(node.get("enum"))) {
            problems.add(path + ": a nullable enum must list null");
        }
        if (types.contains("array")) {
            if (!node.path("items").isObject()) {
                problems.add(path + ": an array needs an items schema");
            } else {
                checkConventions(node.get("items"), path + "/items", problems);
            }
        }
    }

    private static void checkNaming(String name, JsonNode sub, String path, List<String> problems) {
        String format = sub.path("format").asText(null);
        if (name.endsWith("At") && !"date-time".equals(format)) {
            problems.add(path + ": an instant (*At) must be format date-time");
        }
        if (name.endsWith("Id") && !NON_UUID_IDS.contains(name) && !"uuid".equals(format)) {
            problems.add(path + ": an id (*Id) must be format uuid");
        }
        if (PHONE_PROPERTIES.contains(name) && !E164.equals(sub.path("pattern").asText(null))) {
            problems.add(path + ": a phone must carry the E.164 pattern " + E164);
        }
    }

    private static Set<String> typesOf(JsonNode node) {
        Set<String> types = new TreeSet<>();
        JsonNode type = node.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static boolean containsNull(JsonNode values) {
        for (JsonNode v : values) {
            if (v.isNull()) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource("schemaTypes")
    void exampleValidatesHereAndInTheRegistry(String type) {
        ObjectNode example = example(type);
        assertEquals(List.of(), errors(schema(type), example), type + " example");
        assertTrue(REGISTRY.knows(type), "ContractRegistry does not find " + type + " on the classpath");
        assertEquals(List.of(), REGISTRY.violations(type, example), type + " example in ContractRegistry");
    }

    @ParameterizedTest
    @MethodSource("schemaTypes")
    void optionalFieldsMayBeNullOrAbsent(String type) {
        JsonNode schema = schemaNode(type);
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        ObjectNode nulls = example(type);
        ObjectNode absent = example(type);
        schema.path("properties").fieldNames().forEachRemaining(name -> {
            if (!required.contains(name) && !isConditionallyRequired(type, name)) {
                nulls.putNull(name);
                absent.remove(name);
            }
        });
        assertEquals(List.of(), REGISTRY.violations(type, nulls), type + " with every optional field null");
        assertEquals(List.of(), REGISTRY.violations(type, absent), type + " with every optional field absent");
    }

    private static boolean isConditionallyRequired(String type, String name) {
        return type.equals("task.completed.v1") && name.equals("appointmentAt");
    }

    @Test
    void appointmentAtIsOnlyRequiredForAppointmentSet() {
        ObjectNode reached = example("task.completed.v1");
        reached.put("outcome", "reached");
        reached.remove("appointmentAt");
        assertEquals(List.of(), REGISTRY.violations("task.completed.v1", reached));
    }

    // ------------------------------------------------------------------------------------------------ broken copies

    static Stream<Arguments> brokenExamples() {
        String bad = "+0512555012"; // leading 0 after +: not E.164
        return Stream.of(
                broken("lead.created.v1", "missing receivedAt", remove("/receivedAt")),
                broken("lead.created.v1", "missing customer", remove("/customer")),
                broken("lead.created.v1", "null dealerId", set("/dealerId", null)),
                broken("lead.created.v1", "leadId not a uuid", set("/leadId", "7b2e9c14-3a5f-4d6b-8e1c")),
                broken("lead.created.v1", "receivedAt not RFC 3339", set("/receivedAt", "2025-03-14 15:04:02")),
                broken("lead.created.v1", "customer phone not E.164", set("/customer/phone", "512-555-0123")),
                broken("lead.created.v1", "customer phone with leading 0", set("/customer/phone", bad)),
                broken("lead.created.v1", "phoneType not in enum", set("/customer/phoneType", "cell")),
                broken("lead.created.v1", "extra customer property", set("/customer/middleName", "Q")),
                broken("lead.created.v1", "extra top-level property", set("/comments", "call me")),
                broken("lead.created.v1", "extra vehicle property", set("/vehicles/0/color", "blue")),
                broken("lead.created.v1", "VIN with an O", set("/vehicles/0/vin", "7FARS4H75RE01234O")),
                broken("lead.created.v1", "consent without textConsent", remove("/consent/textConsent")),
                broken("lead.merged.v1", "matchedOn not in enum", set("/matchedOn", "name")),
                broken("lead.visit-recorded.v1", "visitId not a uuid", set("/visitId", "visit-1")),
                broken("lead.visit-recorded.v1", "newLead not a boolean", set("/newLead", "yes")),
                broken("lead.status-changed.v1", "status not in enum", set("/status", "won")),
                broken("lead.status-changed.v1", "missing previousStatus", remove("/previousStatus")),
                broken("followup.send-message.v1", "to not E.164", set("/to", "5125550123")),
                broken("followup.send-message.v1", "purpose not in enum", set("/purpose", "promo")),
                broken("followup.send-message.v1", "empty body", set("/body", "")),
                broken("followup.send-message.v1", "body over 1600", set("/body", "x".repeat(1601))),
                broken("followup.send-message.v1", "missing idempotencyKey", remove("/idempotencyKey")),
                broken("followup.send-message.v1", "extra property", set("/from", "+15125550100")),
                broken("followup.create-task.v1", "priority over 100", set("/priority", 101)),
                broken("followup.create-task.v1", "kind not in enum", set("/kind", "email")),
                broken("followup.create-task.v1", "taskId not a uuid", set("/taskId", "task-1")),
                broken("followup.create-task.v1", "extra lead property", set("/lead/email", "a@b.example")),
                broken("followup.create-task.v1", "lead without displayName", remove("/lead/displayName")),
                broken("followup.create-task.v1", "lead phone not E.164", set("/lead/phone", "(512) 555-0123")),
                broken("followup.create-task.v1", "score factor not a number", set("/score/factors/recency", "high")),
                broken("followup.cancel-tasks.v1", "scope not in enum", set("/scope", "some")),
                broken("followup.cancel-tasks.v1", "empty reason", set("/reason", "")),
                broken("message.sent.v1", "zero segments", set("/segments", 0)),
                broken("message.sent.v1", "providerSid not a Twilio message sid", set("/providerSid", "XX123")),
                broken("message.status-changed.v1", "status not in enum", set("/status", "exploded")),
                broken("message.status-changed.v1", "errorCode not an integer", set("/errorCode", "30003")),
                broken("message.reply-received.v1", "intent not in enum", set("/intent", "maybe")),
                broken("message.reply-received.v1", "missing body", remove("/body")),
                broken("message.reply-received.v1", "an intent only v2 knows", set("/intent", "appointment")),
                broken("message.reply-received.v2", "intent not in enum", set("/intent", "maybe")),
                broken("message.reply-received.v2", "proposed day not a day", set("/proposed/day", "someday")),
                broken("message.reply-received.v2", "proposed time not HH:mm", set("/proposed/time", "10am")),
                broken("message.reply-received.v2", "question without kinds", set("/question/kinds", List.of())),
                broken("message.reply-received.v2", "question kind not in enum", set("/question/kinds", List.of("color"))),
                broken("message.reply-received.v2", "not-looking reason not in enum", set("/notLookingReason", "bored")),
                broken("message.opted-out.v1", "phone not E.164", set("/phone", "15125550123")),
                broken("message.opted-out.v1", "missing keyword", remove("/keyword")),
                broken("message.opted-out.v1", "optedOutAt not an instant", set("/optedOutAt", "yesterday")),
                broken("message.opted-in.v1", "phone not E.164", set("/phone", "+1 512 555 0123")),
                broken("task.completed.v1", "appointment-set without appointmentAt", remove("/appointmentAt")),
                broken("task.completed.v1", "appointment-set with null appointmentAt", set("/appointmentAt", null)),
                broken("task.completed.v1", "outcome not in enum", set("/outcome", "maybe")),
                broken("task.completed.v1", "repId not a uuid", set("/repId", "maria")),
                broken("directory.dealer.v1", "messagingServiceSid malformed", set("/messagingServiceSid", "MG123")),
                broken("directory.dealer.v1", "day not in enum", set("/businessHours/0/day", "FUNDAY")),
                broken("directory.dealer.v1", "opens not HH:mm", set("/businessHours/0/opens", "25:00")),
                broken("directory.dealer.v1", "missing killSwitch", remove("/killSwitch")),
                broken("directory.dealer.v1", "country not alpha-2", set("/country", "USA")),
                broken("directory.dealer.v1", "textingNumber not E.164", set("/textingNumber", "+1512")),
                broken("directory.dealer.v1", "extra property", set("/apiKey", "secret")),
                broken("directory.rep.v1", "capacity over 500", set("/dailyCallCapacity", 501)),
                broken("directory.rep.v1", "role not in enum", set("/role", "admin")),
                broken("directory.rep.v1", "repId not a uuid", set("/repId", "c5d8e2a1")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenExamples")
    void brokenCopyOfTheExampleIsRejected(String type, String what, Consumer<ObjectNode> breakIt) {
        ObjectNode payload = example(type);
        breakIt.accept(payload);
        if (errors(schema(type), payload).isEmpty()) {
            fail(type + " accepted a payload with " + what + ": " + payload);
        }
        assertFalse(REGISTRY.violations(type, payload).isEmpty(), "ContractRegistry accepted " + what);
    }

    private static Arguments broken(String type, String what, Consumer<ObjectNode> breakIt) {
        return Arguments.of(type, what, breakIt);
    }

    private static Consumer<ObjectNode> remove(String pointer) {
        return root -> {
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode parent = root.at(p.head());
            if (!(parent instanceof ObjectNode object) || object.remove(p.last().getMatchingProperty()) == null) {
                throw new IllegalArgumentException("nothing to remove at " + pointer);
            }
        };
    }

    private static Consumer<ObjectNode> set(String pointer, Object value) {
        return root -> {
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode parent = root.at(p.head());
            JsonNode node = MAPPER.valueToTree(value);
            if (parent instanceof ObjectNode object) {
                object.set(p.last().getMatchingProperty(), node);
            } else if (parent instanceof ArrayNode array) {
                array.set(p.last().getMatchingIndex(), node);
            } else {
                throw new IllegalArgumentException("no object or array at " + p.head());
            }
        };
    }
}
