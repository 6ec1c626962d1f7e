package dev.followup.lead;

import static dev.followup.lead.LeadTestSupport.checkedPayload;
import static dev.followup.lead.LeadTestSupport.publishedKeyed;
import static dev.followup.lead.LeadTestSupport.recordsKeyed;
import static dev.followup.lead.LeadTestSupport.type;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.RealInfrastructure;
import dev.followup.lead.LeadTestSupport.TestDealer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AdfIntakeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    private static JsonNode createdEvent(String leadId) {
        List<ConsumerRecord<String, String>> records = publishedKeyed("lead-events", leadId);
        assertThat(records).hasSize(1);
        assertThat(type(records.get(0))).isEqualTo("lead.created.v1");
        return checkedPayload(records.get(0));
    }

    @Test
    void twoVehicleAdfLeadWithTradeInIsPublishedAndItsRawDocumentKept() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(1);
        String sourceId = "AT-" + UUID.randomUUID();
        String xml = AdfSamples.twoVehiclesWithTradeIn(sourceId, "(512) 555-0177");
        String leadId = given().header("X-Api-Key", dealer.apiKey()).contentType("application/x-adf+xml").body(xml)
                .post("/leads").then().statusCode(201).body("leads", hasSize(1))
                .body("leads[0].outcome", equalTo("created")).extract().path("leads[0].leadId");

        JsonNode created = createdEvent(leadId);
        assertThat(created.path("source").asText()).isEqualTo("autotrader");
        assertThat(created.path("provider").asText()).isEqualTo("Autotrader");
        assertThat(created.path("sourceLeadId").asText()).isEqualTo(sourceId);
        assertThat(created.path("assignedRepId").asText()).isEqualTo(dealer.repIds().get(0));
        assertThat(created.path("customer").path("firstName").asText()).isEqualTo("Maria");
        assertThat(created.path("customer").path("phone").asText()).isEqualTo("+15125550177");
        assertThat(created.path("customer").path("email").asText()).isEqualTo("maria.gonzalez@example.com");
        assertThat(created.path("requestedAt").asText()).isEqualTo("2025-03-14T15:04:00Z");
        assertThat(created.path("timeframe").asText()).isEqualTo("Within a month");
        JsonNode vehicles = created.path("vehicles");
        assertThat(vehicles).hasSize(2);
        assertThat(vehicles.get(0).path("price").decimalValue()).isEqualByComparingTo("36450");
        assertThat(vehicles.get(0).path("condition").asText()).isEqualTo("new");
        assertThat(vehicles.get(1).path("interest").asText()).isEqualTo("trade-in");
        assertThat(vehicles.get(1).path("vin").isNull()).as("an 18-character VIN is dropped").isTrue();
        // ... but kept in the raw document.
        assertThat(LeadTestSupport.count(dataSource, "select count(*) from intake_document d join lead l on l.document_id = d.id"
                + " where l.id = ? and d.body like '%1ftfw1ef5fkd12345x%' and d.content_type = 'application/x-adf+xml'",
                UUID.fromString(leadId))).isEqualTo(1);

        // The same document again is a replay of the same lead.
        given().header("X-Api-Key", dealer.apiKey()).contentType("application/xml").body(xml).post("/leads").then()
                .statusCode(200).body("leads[0].outcome", equalTo("replayed")).body("leads[0].leadId", equalTo(leadId));
    }

    @Test
    void multiProspectDocumentCreatesOneLeadPerProspect() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(2);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> leadIds = given().header("X-Api-Key", dealer.apiKey()).contentType("text/xml")
                .body(AdfSamples.threeProspects(tag)).post("/leads").then().statusCode(201)
                .body("leads", hasSize(3)).body("leads.outcome", org.hamcrest.Matchers.everyItem(equalTo("created")))
                .extract().path("leads.leadId");
        assertThat(leadIds).doesNotHaveDuplicates();

        JsonNode ann = createdEvent(leadIds.get(0));
        assertThat(ann.path("source").asText()).isEqualTo("cars.com");
        assertThat(ann.path("customer").path("firstName").asText()).isEqualTo("Ann");
        assertThat(ann.path("customer").path("lastName").asText()).isEqualTo("Lee");
        assertThat(ann.path("customer").path("phoneType").asText()).isEqualTo("mobile");
        assertThat(ann.path("requestedAt").asText()).isEqualTo("2024-03-05T20:22:00Z");
        JsonNode bob = createdEvent(leadIds.get(1));
        assertThat(bob.path("customer").path("email").asText()).isEqualTo("bob." + tag + "@example.com");
        assertThat(bob.path("requestedAt").asText()).isEqualTo("2024-03-05T20:22:00Z");
        JsonNode carla = createdEvent(leadIds.get(2));
        assertThat(carla.path("requestedAt").isNull()).as("unreadable date dropped").isTrue();
        assertThat(carla.path("vehicles").get(0).path("interest").asText()).isEqualTo("test-drive");
        assertThat(List.of(ann, bob, carla)).extracting(e -> e.path("assignedRepId").asText())
                .allMatch(dealer.repIds()::contains);
    }

    @Test
    void messyRealWorldFormIsUnderstood() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(1);
        String leadId = given().header("X-Api-Key", dealer.apiKey()).contentType("application/xml; charset=UTF-8")
                .body(AdfSamples.messyForm("(512) 555-0488")).post("/leads").then().statusCode(201)
                .extract().path("leads[0].leadId");
        JsonNode created = createdEvent(leadId);
        assertThat(created.path("source").asText()).isEqualTo("adf");
        assertThat(created.path("customer").path("firstName").asText()).isEqualTo("Dwayne");
        assertThat(created.path("customer").path("lastName").asText()).isEqualTo("Johnson");
        assertThat(created.path("customer").path("phone").asText()).isEqualTo("+15125550488");
        assertThat(created.path("vehicles").get(0).path("year").isIntegralNumber()).as("unreadable year dropped").isFalse();
        assertThat(created.path("vehicles").get(0).path("price").decimalValue()).isEqualByComparingTo("29995");
        given().header("X-Api-Key", dealer.apiKey()).get("/leads/" + leadId).then().statusCode(200)
                .body("comments", equalTo("Trade & cash <3 — need price < 30k"));
    }

    @Test
    void adfDuplicateOfAJsonLeadIsMerged() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(1);
        String leadId = given().header("X-Api-Key", dealer.apiKey()).contentType("application/json")
                .body(JsonIntakeTest.lead(null, "512-555-0199", null, "[]")).post("/leads").then().statusCode(201)
                .extract().path("leadId");
        given().header("X-Api-Key", dealer.apiKey()).contentType("application/xml")
                .body(AdfSamples.twoVehiclesWithTradeIn("AT-" + UUID.randomUUID(), "+15125550199")).post("/leads")
                .then().statusCode(200).body("leads[0].outcome", equalTo("merged")).body("leads[0].leadId", equalTo(leadId));
        await().atMost(PATIENCE).until(() -> recordsKeyed("lead-events", leadId).size() == 2);
        ConsumerRecord<String, String> merged = recordsKeyed("lead-events", leadId).get(1);
        assertThat(type(merged)).isEqualTo("lead.merged.v1");
        JsonNode payload = checkedPayload(merged);
        assertThat(payload.path("matchedOn").asText()).isEqualTo("phone");
        assertThat(payload.path("vehiclesAdded")).hasSize(2);
    }
}
