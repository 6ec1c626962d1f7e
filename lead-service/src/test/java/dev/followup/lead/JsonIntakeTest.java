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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
class JsonIntakeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static String lead(String sourceLeadId, String phone, String email, String vehiclesJson) {
        return """
                {"source": "Website", "provider": "DealerSite Pro", "sourceLeadId": %s,
                 "customer": {"firstName": "James", "lastName": "Whitaker",
                              "phones": [{"number": "%s", "type": "mobile", "preferred": true}],
                              "email": %s, "postalCode": "78745", "preferredContact": "text"},
                 "vehicles": %s,
                 "timeframe": "within 2 weeks", "comments": "Call after 5",
                 "requestedAt": "2025-03-14T10:04:00-05:00",
                 "consent": {"textConsent": true, "text": "I agree to receive texts", "capturedAt": "2025-03-14T15:03:58Z",
                             "page": "https://dealer.example.com/form", "ip": "203.0.113.42"}}
                """.formatted(sourceLeadId == null ? "null" : "\"" + sourceLeadId + "\"", phone,
                email == null ? "null" : "\"" + email + "\"", vehiclesJson);
    }

    static final String TWO_VEHICLES_WITH_TRADE_IN = """
            [{"year": 2024, "make": "Honda", "model": "CR-V", "trim": "EX-L", "vin": "7fars4h75re012345",
              "stock": "H24117", "price": 36450.00, "condition": "new", "interest": "buy"},
             {"year": 2016, "make": "Toyota", "model": "Camry", "vin": "NOT-A-VIN", "interest": "trade-in", "condition": "used"}]
            """;

    @Test
    void twoVehicleLeadWithTradeInIsCreatedAssignedAndPublished() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(2);
        String leadId = given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body(lead("web-" + UUID.randomUUID(), "(512) 555-0123", "James.Whitaker@Example.COM", TWO_VEHICLES_WITH_TRADE_IN))
                .post("/leads").then().statusCode(201)
                .body("outcome", equalTo("created"))
                .body("lead.customer.phone", equalTo("+15125550123"))
                .body("lead.customer.email", equalTo("james.whitaker@example.com"))
                .body("lead.vehicles", hasSize(2))
                .extract().path("leadId");

        List<ConsumerRecord<String, String>> records = publishedKeyed("lead-events", leadId);
        assertThat(records).hasSize(1);
        assertThat(type(records.get(0))).isEqualTo("lead.created.v1");
        JsonNode created = checkedPayload(records.get(0));
        assertThat(created.path("leadId").asText()).isEqualTo(leadId);
        assertThat(created.path("dealerId").asText()).isEqualTo(dealer.id());
        assertThat(created.path("source").asText()).isEqualTo("website");
        assertThat(created.path("provider").asText()).isEqualTo("DealerSite Pro");
        assertThat(dealer.repIds()).contains(created.path("assignedRepId").asText());
        assertThat(created.path("customer").path("phone").asText()).isEqualTo("+15125550123");
        assertThat(created.path("customer").path("phoneType").asText()).isEqualTo("mobile");
        assertThat(created.path("vehicles")).hasSize(2);
        assertThat(created.path("vehicles").get(0).path("vin").asText()).isEqualTo("7FARS4H75RE012345");
        assertThat(created.path("vehicles").get(0).path("interest").asText()).isEqualTo("buy");
        assertThat(created.path("vehicles").get(1).path("interest").asText()).isEqualTo("trade-in");
        assertThat(created.path("vehicles").get(1).path("vin").isNull()).isTrue();
        assertThat(created.path("consent").path("textConsent").asBoolean()).isTrue();
        assertThat(created.path("consent").path("ip").asText()).isEqualTo("203.0.113.42");
        assertThat(created.path("requestedAt").asText()).isEqualTo("2025-03-14T15:04:00Z");

        given().header("X-Api-Key", dealer.apiKey()).get("/leads/" + leadId).then().statusCode(200)
                .body("status", equalTo("open")).body("consent.page", equalTo("https://dealer.example.com/form"));
    }

    @Test
    void replayedRequestReturnsTheSameLead() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(1);
        String body = lead("web-" + UUID.randomUUID(), "512-555-0124", null, "[]");
        String first = given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body(body)
                .post("/leads").then().statusCode(201).extract().path("leadId");
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body(body)
                .post("/leads").then().statusCode(200).body("outcome", equalTo("replayed")).body("leadId", equalTo(first));

        String idempotencyKey = UUID.randomUUID().toString();
        String noSourceId = lead(null, "512-555-0125", "other." + UUID.randomUUID() + "@example.com", "[]");
        String second = given().header("X-Api-Key", dealer.apiKey()).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(noSourceId).post("/leads").then().statusCode(201).extract().path("leadId");
        given().header("X-Api-Key", dealer.apiKey()).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(noSourceId).post("/leads").then().statusCode(200)
                .body("outcome", equalTo("replayed")).body("leadId", equalTo(second));

        assertThat(publishedKeyed("lead-events", first)).hasSize(1);
        assertThat(publishedKeyed("lead-events", second)).hasSize(1);
    }

    @Test
    void duplicateByPhoneOrEmailIsMergedIntoTheOpenLead() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(1);
        String email = "dup." + UUID.randomUUID() + "@example.com";
        String leadId = given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body(lead("a-" + UUID.randomUUID(), "512-555-0126", email, "[{\"make\":\"Honda\",\"model\":\"CR-V\"}]"))
                .post("/leads").then().statusCode(201).extract().path("leadId");

        String duplicate = lead("b-" + UUID.randomUUID(), "+1 512 555 0126", email.toUpperCase(),
                "[{\"make\":\"Honda\",\"model\":\"CR-V\"},{\"year\":2023,\"make\":\"Honda\",\"model\":\"Pilot\",\"interest\":\"test-drive\"}]")
                .replace("\"Website\"", "\"autotrader\"");
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON).body(duplicate)
                .post("/leads").then().statusCode(200).body("outcome", equalTo("merged")).body("leadId", equalTo(leadId))
                .body("lead.vehicles", hasSize(2));
        // Matched on email alone, with a different phone.
        given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                .body(lead("c-" + UUID.randomUUID(), "512-555-0199", email, "[]"))
                .post("/leads").then().statusCode(200).body("outcome", equalTo("merged")).body("leadId", equalTo(leadId));

        await().atMost(PATIENCE).until(() -> recordsKeyed("lead-events", leadId).size() == 3);
        List<ConsumerRecord<String, String>> records = recordsKeyed("lead-events", leadId);
        List<String> types = new ArrayList<>();
        records.forEach(r -> types.add(type(r)));
        assertThat(types).containsExactly("lead.created.v1", "lead.merged.v1", "lead.merged.v1");
        JsonNode merged = checkedPayload(records.get(1));
        assertThat(merged.path("matchedOn").asText()).isEqualTo("both");
        assertThat(merged.path("source").asText()).isEqualTo("autotrader");
        assertThat(merged.path("vehiclesAdded")).hasSize(1);
        assertThat(merged.path("vehiclesAdded").get(0).path("model").asText()).isEqualTo("Pilot");
        assertThat(checkedPayload(records.get(2)).path("matchedOn").asText()).isEqualTo("email");

        given().header("X-Api-Key", dealer.apiKey()).get("/leads/" + leadId).then().statusCode(200)
                .body("merges", hasSize(2)).body("merges[0].source", equalTo("autotrader"));
    }

    @Test
    void leadsNamingNoRepAreAssignedRoundRobin() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(3);
        List<String> assigned = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assigned.add(given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                    .body(lead(null, "512-555-02" + (10 + i), null, "[]")).post("/leads").then().statusCode(201)
                    .extract().path("lead.assignedRepId"));
        }
        assertThat(assigned.subList(0, 3)).containsExactlyInAnyOrderElementsOf(dealer.repIds());
        assertThat(assigned.subList(3, 6)).isEqualTo(assigned.subList(0, 3));
    }

    @Test
    void simultaneousLeadsOfOneDealerShareTheRepsEvenly() throws Exception {
        TestDealer dealer = LeadTestSupport.dealerWithReps(3);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String phone = "512-555-03" + (10 + i);
                answers.add(pool.submit(() -> given().header("X-Api-Key", dealer.apiKey()).contentType(ContentType.JSON)
                        .body(lead(null, phone, null, "[]")).post("/leads").then().statusCode(201)
                        .extract().<String>path("lead.assignedRepId")));
            }
            Map<String, Long> perRep = new HashMap<>();
            for (Future<String> answer : answers) {
                perRep.merge(answer.get(60, TimeUnit.SECONDS), 1L, Long::sum);
            }
            assertThat(perRep).containsOnlyKeys(dealer.repIds()).allSatisfy((rep, leads) -> assertThat(leads).isEqualTo(10L));
        } finally {
            pool.shutdownNow();
        }
    }
}
