package dev.followup.lead;

import static dev.followup.lead.LeadTestSupport.ADMIN;
import static dev.followup.lead.LeadTestSupport.checkedPayload;
import static dev.followup.lead.LeadTestSupport.recordsKeyed;
import static dev.followup.lead.LeadTestSupport.type;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.UUID;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DirectoryAdminTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static final String DEALER_TEMPLATE = """
            {"name": "Hill Country Honda", "timeZone": "America/Chicago", "country": "US", "postalCode": "78704",
             "state": "TX", "businessHours": [{"day": "MONDAY", "opens": "09:00", "closes": "20:00"},
                                              {"day": "SATURDAY", "opens": "09:00", "closes": "18:00"}],
             "textingNumber": "(512) 555-0100", "messagingServiceSid": "MG0123456789abcdef0123456789abcdef",
             "contactPhone": "512-555-0199", "contactEmail": "sales@hch.example.com",
             "websiteUrl": "https://www.hch.example.com", "killSwitch": false}
            """;
    /** The dealer above, with a texting number and Messaging Service no other dealer of the run holds. */
    private final String DEALER = DEALER_TEMPLATE.replace("(512) 555-0100", LeadTestSupport.freshTextingNumber())
            .replace("MG0123456789abcdef0123456789abcdef", "MG" + UUID.randomUUID().toString().replace("-", ""));

    @Test
    void dealerAndRepChangesArePublishedOnTheDirectory() {
        String dealerId = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(DEALER)
                .post("/admin/dealers").then().statusCode(201).body("textingNumber", startsWith("+1737"))
                .body("active", equalTo(true)).extract().path("id");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(DEALER.replace("\"killSwitch\": false", "\"killSwitch\": true")).put("/admin/dealers/" + dealerId)
                .then().statusCode(200).body("killSwitch", equalTo(true));
        String repId = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Maria Gonzalez", "phone", "512 555 0142", "email", "Maria@HCH.example.com",
                        "dailyCallCapacity", 25))
                .post("/admin/dealers/" + dealerId + "/reps").then().statusCode(201).body("role", equalTo("rep"))
                .body("phone", equalTo("+15125550142")).extract().path("id");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Maria Gonzalez", "dailyCallCapacity", 30, "active", false, "role", "manager"))
                .put("/admin/reps/" + repId).then().statusCode(200).body("active", equalTo(false));
        given().header("Authorization", ADMIN).get("/admin/dealers/" + dealerId + "/reps").then().statusCode(200)
                .body("", hasSize(1));

        await().atMost(PATIENCE).until(() -> recordsKeyed("dealer-directory", dealerId).size() == 2
                && recordsKeyed("dealer-directory", repId).size() == 2);
        List<ConsumerRecord<String, String>> dealerRecords = recordsKeyed("dealer-directory", dealerId);
        assertThat(dealerRecords).allSatisfy(r -> assertThat(type(r)).isEqualTo("directory.dealer.v1"));
        JsonNode first = checkedPayload(dealerRecords.get(0));
        JsonNode second = checkedPayload(dealerRecords.get(1));
        assertThat(first.path("killSwitch").asBoolean()).isFalse();
        assertThat(second.path("killSwitch").asBoolean()).isTrue();
        assertThat(second.path("businessHours")).hasSize(2);
        assertThat(Instant.parse(second.path("updatedAt").asText())).isAfter(Instant.parse(first.path("updatedAt").asText()));

        List<ConsumerRecord<String, String>> repRecords = recordsKeyed("dealer-directory", repId);
        assertThat(repRecords).allSatisfy(r -> assertThat(type(r)).isEqualTo("directory.rep.v1"));
        JsonNode rep = checkedPayload(repRecords.get(1));
        assertThat(rep.path("dealerId").asText()).isEqualTo(dealerId);
        assertThat(rep.path("active").asBoolean()).isFalse();
        assertThat(rep.path("role").asText()).isEqualTo("manager");
        assertThat(checkedPayload(repRecords.get(0)).path("email").asText()).isEqualTo("maria@hch.example.com");
    }

    @Test
    void apiKeysAreShownOnceStoredHashedAndRotatable() {
        String dealerId = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(DEALER)
                .post("/admin/dealers").then().statusCode(201).extract().path("id");
        String oldKey = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"label\":\"website\"}")
                .post("/admin/dealers/" + dealerId + "/api-keys").then().statusCode(201)
                .body("key", startsWith("lk_")).extract().path("key");
        String oldId = given().header("Authorization", ADMIN).get("/admin/dealers/" + dealerId + "/api-keys").then()
                .statusCode(200).body("", hasSize(1)).body("[0].key", nullValue())
                .body("[0].prefix", equalTo(oldKey.substring(3, 11))).extract().path("[0].id");
        // Rotate: a new key, then revoke the old one.
        String newKey = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/admin/dealers/" + dealerId + "/api-keys").then().statusCode(201).extract().path("key");
        given().header("Authorization", ADMIN).post("/admin/dealers/" + dealerId + "/api-keys/" + oldId + "/revoke")
                .then().statusCode(200);
        given().header("X-Api-Key", oldKey).get("/leads").then().statusCode(401);
        given().header("X-Api-Key", newKey).get("/leads").then().statusCode(200);
        given().header("X-Api-Key", newKey.substring(0, newKey.length() - 2) + "xx").get("/leads").then().statusCode(401);
        assertThat(given().header("Authorization", ADMIN).get("/admin/dealers/" + dealerId + "/api-keys").then()
                .extract().<List<String>>path("revokedAt")).hasSize(2).containsOnlyOnce((String) null);
    }

    @Test
    void adminApiNeedsTheAdminTokenAndRefusesBadSettings() {
        given().contentType(ContentType.JSON).body(DEALER).post("/admin/dealers").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(DEALER).post("/admin/dealers")
                .then().statusCode(403);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(DEALER.replace("America/Chicago", "Mars/Olympus")).post("/admin/dealers").then().statusCode(400)
                .body("field", equalTo("timeZone"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(DEALER_TEMPLATE.replace("(512) 555-0100", "12")).post("/admin/dealers").then().statusCode(400)
                .body("field", equalTo("textingNumber"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(DEALER.replace("\"US\"", "\"usa\"")).post("/admin/dealers").then().statusCode(400)
                .body("field", equalTo("country"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(DEALER.replace("\"closes\": \"20:00\"", "\"closes\": \"08:00\"")).post("/admin/dealers").then()
                .statusCode(400).body("field", equalTo("businessHours[0].closes"));
        given().header("Authorization", ADMIN).get("/admin/dealers/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aTextingNumberOrMessagingServiceBelongsToOneActiveDealer() {
        String number = LeadTestSupport.freshTextingNumber();
        String service = "MG" + UUID.randomUUID().toString().replace("-", "");
        String first = DEALER_TEMPLATE.replace("(512) 555-0100", number).replace("MG0123456789abcdef0123456789abcdef", service);
        String holder = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(first)
                .post("/admin/dealers").then().statusCode(201).extract().path("id");

        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(first.replace(service, "MG" + UUID.randomUUID().toString().replace("-", "")))
                .post("/admin/dealers").then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("textingNumber")).body("detail", containsString(holder));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(first.replace(number, LeadTestSupport.freshTextingNumber())).post("/admin/dealers").then()
                .statusCode(409).body("field", equalTo("messagingServiceSid"));
        // Taking it on update is refused too; the holder keeps updating its own settings.
        String other = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(DEALER)
                .post("/admin/dealers").then().statusCode(201).extract().path("id");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(first.replace(service, "MG" + UUID.randomUUID().toString().replace("-", "")))
                .put("/admin/dealers/" + other).then().statusCode(409).body("field", equalTo("textingNumber"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(first.replace("\"killSwitch\": false", "\"killSwitch\": true")).put("/admin/dealers/" + holder)
                .then().statusCode(200);
        // Once the holder is inactive, another dealer may take the number; reactivating the first is then refused.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(first.replace("\"killSwitch\": false", "\"active\": false")).put("/admin/dealers/" + holder)
                .then().statusCode(200).body("active", equalTo(false));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(first).put("/admin/dealers/" + other)
                .then().statusCode(200).body("textingNumber", equalTo(number));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(first).put("/admin/dealers/" + holder)
                .then().statusCode(409).body("field", equalTo("textingNumber"));
    }

    @Test
    void contactSettingsAreValidatedAndTravelOnTheDirectory() {
        String body = DEALER.replace("\"killSwitch\": false", "\"killSwitch\": false, \"sendRatePerMinute\": 60, "
                + "\"optOutScope\": \"channel\", \"optOutConfirmation\": true, \"mailingAddress\": \"4100 S Lamar Blvd, Austin, TX\"");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).post("/admin/dealers").then()
                .statusCode(201).body("sendRatePerMinute", equalTo(60)).body("optOutScope", equalTo("channel"))
                .body("optOutConfirmation", equalTo(true)).body("mailingAddress", equalTo("4100 S Lamar Blvd, Austin, TX"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body.replace("\"channel\"", "\"everything\"")).post("/admin/dealers").then().statusCode(400)
                .body("field", equalTo("optOutScope"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body.replace("\"sendRatePerMinute\": 60", "\"sendRatePerMinute\": 0")).post("/admin/dealers").then().statusCode(400)
                .body("field", equalTo("sendRatePerMinute"));
    }
}
