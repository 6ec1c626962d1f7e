package dev.followup.lead;

import static dev.followup.lead.LeadTestSupport.checkedPayload;
import static dev.followup.lead.LeadTestSupport.recordsKeyed;
import static dev.followup.lead.LeadTestSupport.type;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.RealInfrastructure;
import dev.followup.lead.LeadTestSupport.TestDealer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class VisitAndStatusTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void walkInCreatesAShowroomLeadThenItsVisit() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(2);
        String leadId = given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body("{\"customer\":{\"fullName\":\"Walk In\",\"phone\":\"512-555-0701\"},\"repId\":\""
                        + dealer.repIds().get(1) + "\",\"visitedAt\":\"2025-03-18T22:10:00Z\"}")
                .post("/visits").then().statusCode(201).body("newLead", equalTo(true))
                .body("lead.source", equalTo("showroom")).body("lead.assignedRepId", equalTo(dealer.repIds().get(1)))
                .extract().path("leadId");
        await().atMost(PATIENCE).until(() -> recordsKeyed("lead-events", leadId).size() == 2);
        List<ConsumerRecord<String, String>> records = recordsKeyed("lead-events", leadId);
        assertThat(records).extracting(LeadTestSupport::type).containsExactly("lead.created.v1", "lead.visit-recorded.v1");
        assertThat(records.get(0).partition()).isEqualTo(records.get(1).partition());
        assertThat(checkedPayload(records.get(0)).path("source").asText()).isEqualTo("showroom");
        JsonNode visit = checkedPayload(records.get(1));
        assertThat(visit.path("newLead").asBoolean()).isTrue();
        assertThat(visit.path("visitedAt").asText()).isEqualTo("2025-03-18T22:10:00Z");
        assertThat(visit.path("repId").asText()).isEqualTo(dealer.repIds().get(1));

        // The same customer walking in again: a visit on the same lead, no new lead.
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body("{\"customer\":{\"phone\":\"(512) 555-0701\"}}").post("/visits").then().statusCode(200)
                .body("newLead", equalTo(false)).body("leadId", equalTo(leadId));
        await().atMost(PATIENCE).until(() -> recordsKeyed("lead-events", leadId).size() == 3);
        assertThat(checkedPayload(recordsKeyed("lead-events", leadId).get(2)).path("newLead").asBoolean()).isFalse();
    }

    @Test
    void visitOfAKnownLeadAndStatusMovesArePublished() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(1);
        String leadId = given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body(JsonIntakeTest.lead(null, "512-555-0702", null, "[]")).post("/leads").then().statusCode(201)
                .extract().path("leadId");
        String lead = "/leads/" + leadId;
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body("{\"repId\":\"" + dealer.repIds().get(0) + "\",\"notes\":\"test drive\"}")
                .post(lead + "/visits").then().statusCode(201).body("newLead", equalTo(false));

        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body("{\"status\":\"appointment\"}")
                .post(lead + "/status").then().statusCode(400).body("field", equalTo("appointmentAt"));
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body("{\"status\":\"appointment\",\"appointmentAt\":\"tomorrow\"}").post(lead + "/status").then()
                .statusCode(400).body("field", equalTo("appointmentAt"));
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body("{\"status\":\"appointment\",\"appointmentAt\":\"2025-03-20T16:30:00Z\",\"reason\":\"booked\"}")
                .post(lead + "/status").then().statusCode(200).body("status", equalTo("appointment"))
                .body("appointmentAt", equalTo("2025-03-20T16:30:00Z"));
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body("{\"status\":\"sold\",\"changedBy\":\"" + dealer.repIds().get(0) + "\"}").post(lead + "/status")
                .then().statusCode(200).body("status", equalTo("sold"));
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body("{\"status\":\"lost\"}")
                .post(lead + "/status").then().statusCode(409).contentType("application/problem+json");
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body("{\"status\":\"bought\"}")
                .post(lead + "/status").then().statusCode(400).body("field", equalTo("status"));
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body("{\"status\":\"reopened\"}")
                .post(lead + "/status").then().statusCode(200).body("status", equalTo("open"));

        await().atMost(PATIENCE).until(() -> recordsKeyed("lead-events", leadId).size() == 5);
        List<ConsumerRecord<String, String>> records = recordsKeyed("lead-events", leadId);
        assertThat(records).extracting(LeadTestSupport::type).containsExactly("lead.created.v1",
                "lead.visit-recorded.v1", "lead.status-changed.v1", "lead.status-changed.v1", "lead.status-changed.v1");
        JsonNode appointment = checkedPayload(records.get(2));
        assertThat(appointment.path("previousStatus").asText()).isEqualTo("open");
        assertThat(appointment.path("appointmentAt").asText()).isEqualTo("2025-03-20T16:30:00Z");
        JsonNode sold = checkedPayload(records.get(3));
        assertThat(sold.path("previousStatus").asText()).isEqualTo("appointment");
        assertThat(sold.path("changedBy").asText()).isEqualTo(dealer.repIds().get(0));
        JsonNode reopened = checkedPayload(records.get(4));
        assertThat(reopened.path("previousStatus").asText()).isEqualTo("sold");
        assertThat(reopened.path("status").asText()).isEqualTo("open");
        assertThat(type(records.get(1))).isEqualTo("lead.visit-recorded.v1");

        given().header("X-Api-Key", dealer.apiKey()).get(lead).then().statusCode(200).body("visits", hasSize(1))
                .body("visits[0].notes", equalTo("test drive"));
    }

    @Test
    void leadListIsPagedAndFiltered() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(1);
        for (int i = 0; i < 3; i++) {
            given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                    .body(JsonIntakeTest.lead(null, "512-555-07" + (10 + i), null, "[]")).post("/leads").then().statusCode(201);
        }
        String lostId = given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body(JsonIntakeTest.lead(null, "512-555-0720", null, "[]").replace("\"Website\"", "\"cars.com\""))
                .post("/leads").then().statusCode(201).extract().path("leadId");
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body("{\"status\":\"lost\"}")
                .post("/leads/" + lostId + "/status").then().statusCode(200);

        given().header("X-Api-Key", dealer.apiKey()).get("/leads?size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(4));
        given().header("X-Api-Key", dealer.apiKey()).get("/leads?size=2&page=1").then().body("items", hasSize(2));
        given().header("X-Api-Key", dealer.apiKey()).get("/leads?status=lost").then().body("items", hasSize(1))
                .body("items[0].id", equalTo(lostId));
        given().header("X-Api-Key", dealer.apiKey()).get("/leads?source=website").then().body("total", equalTo(3));
        given().header("X-Api-Key", dealer.apiKey()).get("/leads?since=2999-01-01T00:00:00Z").then().body("total", equalTo(0));
        given().header("X-Api-Key", dealer.apiKey()).get("/leads?status=maybe").then().statusCode(400).body("field", equalTo("status"));
        given().header("X-Api-Key", dealer.apiKey()).get("/leads?size=1000").then().statusCode(400).body("field", equalTo("size"));
        given().header("X-Api-Key", dealer.apiKey()).get("/leads?since=yesterday").then().statusCode(400).body("field", equalTo("since"));
    }
}
