package dev.followup.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.followup.lead.kafka.DealerDirectoryEvent;
import dev.followup.lead.kafka.LeadCreated;
import dev.followup.lead.kafka.LeadMerged;
import dev.followup.lead.kafka.LeadTopics;
import dev.followup.lead.kafka.RepDirectoryEvent;
import dev.followup.lead.kafka.StatusChanged;
import dev.followup.lead.kafka.VehicleOfInterest;
import dev.followup.lead.kafka.VisitRecorded;
import dev.followup.platform.events.ContractRegistry;

/** This service's event records, serialised as the outbox does, against contracts/ (both directions). */
class ContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ContractRegistry contracts = new ContractRegistry();
    private final Instant now = Instant.parse("2025-03-14T15:04:02.318Z");
    private final UUID lead = UUID.randomUUID();
    private final UUID dealer = UUID.randomUUID();

    private void assertValid(String type, Object record) {
        JsonNode json = MAPPER.valueToTree(record);
        assertThat(contracts.violations(type, json)).as(type + " " + json).isEmpty();
    }

    @Test
    void producedRecordsMatchTheirContracts() {
        VehicleOfInterest full = new VehicleOfInterest(2024, "Honda", "CR-V", "EX-L", "7FARS4H75RE012345", "H24117",
                new BigDecimal("36450.00"), "new", "buy");
        VehicleOfInterest sparse = new VehicleOfInterest(null, "Ford", null, null, null, null, null, null, "trade-in");
        assertValid(LeadTopics.LEAD_CREATED, new LeadCreated(lead, dealer, "website", "Autotrader", "AT-1", UUID.randomUUID(),
                new LeadCreated.Customer("James", "Whitaker", "+15125550123", "mobile", "j@example.com", "78745", "text"),
                List.of(full, sparse), "within 2 weeks",
                new LeadCreated.Consent(true, "I agree", now, "https://x.example.com/form", "203.0.113.42"), now, now));
        assertValid(LeadTopics.LEAD_CREATED, new LeadCreated(lead, dealer, "showroom", null, null, null,
                new LeadCreated.Customer(null, null, null, null, "a@b.example", null, null), List.of(), null, null, null, now));
        assertValid(LeadTopics.LEAD_MERGED, new LeadMerged(lead, dealer, now, "cars.com", null, null, List.of(sparse), "both"));
        assertValid(LeadTopics.VISIT_RECORDED, new VisitRecorded(lead, dealer, UUID.randomUUID(), now, null, true));
        assertValid(LeadTopics.STATUS_CHANGED, new StatusChanged(lead, dealer, "open", "appointment", now, "booked", now, "rep"));
        assertValid(LeadTopics.DEALER, new DealerDirectoryEvent(dealer, "Hill Country Honda", "America/Chicago", "US", "78704",
                "TX", List.of(new DealerDirectoryEvent.BusinessHours("MONDAY", "09:00", "20:00")), "+15125550100",
                "MG0123456789abcdef0123456789abcdef", "+15125550199", "sales@x.example.com", "https://x.example.com",
                "4100 S Lamar Blvd, Austin, TX", 60, "channel", true, false, true, now));
        assertValid(LeadTopics.DEALER, new DealerDirectoryEvent(dealer, "Quiet Motors", "America/Chicago", "US", null, null,
                null, null, null, null, null, null, null, null, null, false, false, true, now));
        assertValid(LeadTopics.REP, new RepDirectoryEvent(UUID.randomUUID(), dealer, "Maria", "+15125550142", null, 25,
                true, "rep", now));
    }

    @Test
    void contractExamplesBindToOurRecordsAndBackUnchanged() throws Exception {
        check(LeadTopics.LEAD_CREATED, LeadCreated.class);
        check(LeadTopics.LEAD_MERGED, LeadMerged.class);
        check(LeadTopics.VISIT_RECORDED, VisitRecorded.class);
        check(LeadTopics.STATUS_CHANGED, StatusChanged.class);
        check(LeadTopics.DEALER, DealerDirectoryEvent.class);
        check(LeadTopics.REP, RepDirectoryEvent.class);
    }

    private void check(String type, Class<?> recordClass) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("contracts/examples/" + type + ".json")) {
            assertThat(in).as("example of " + type).isNotNull();
            JsonNode example = MAPPER.readTree(in);
            Object bound = MAPPER.treeToValue(example, recordClass);
            assertValid(type, bound);
            assertThat(MAPPER.valueToTree(bound).fieldNames()).toIterable()
                    .containsExactlyInAnyOrderElementsOf(() -> example.fieldNames());
        }
    }
}
