package dev.followup.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.followup.testing.RealInfrastructure;
import dev.followup.lead.LeadTestSupport.TestDealer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** A key of dealer A never reads, changes or creates anything of dealer B: B's ids are 404 to A. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CrossDealerTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void dealerAsKeyCannotTouchDealerBsLeads() {
        TestDealer a = LeadTestSupport.dealerWithReps(1);
        TestDealer b = LeadTestSupport.dealerWithReps(1);
        String bLead = given().header("X-Api-Key", b.apiKey()).contentType(ContentType.JSON)
                .body(JsonIntakeTest.lead(null, "512-555-0601", null, "[]")).post("/leads").then().statusCode(201)
                .extract().path("leadId");
        String missing = UUID.randomUUID().toString();

        for (String id : List.of(bLead, missing)) {
            given().header("X-Api-Key", a.apiKey()).get("/leads/" + id).then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404));
            given().header("X-Api-Key", a.apiKey()).contentType(ContentType.JSON).body("{}")
                    .post("/leads/" + id + "/visits").then().statusCode(404);
            given().header("X-Api-Key", a.apiKey()).contentType(ContentType.JSON).body("{\"status\":\"lost\"}")
                    .post("/leads/" + id + "/status").then().statusCode(404);
        }
        given().header("X-Api-Key", a.apiKey()).get("/leads/not-a-uuid").then().statusCode(404);
        List<String> listed = given().header("X-Api-Key", a.apiKey()).get("/leads?size=200").then().statusCode(200)
                .extract().path("items.id");
        assertThat(listed).doesNotContain(bLead);

        // B's lead is untouched: still open, no visit.
        given().header("X-Api-Key", b.apiKey()).get("/leads/" + bLead).then().statusCode(200)
                .body("status", equalTo("open")).body("visits.size()", equalTo(0));
    }

    @Test
    void dealerAsKeyCannotUseDealerBsRepsOrMergeIntoBsLeads() {
        TestDealer a = LeadTestSupport.dealerWithReps(1);
        TestDealer b = LeadTestSupport.dealerWithReps(1);
        String bLead = given().header("X-Api-Key", b.apiKey()).contentType(ContentType.JSON)
                .body(JsonIntakeTest.lead(null, "512-555-0602", null, "[]")).post("/leads").then().statusCode(201)
                .extract().path("leadId");

        String withBsRep = "{\"source\":\"website\",\"assignedRepId\":\"" + b.repIds().get(0)
                + "\",\"customer\":{\"phone\":\"512-555-0603\"}}";
        given().header("X-Api-Key", a.apiKey()).contentType(ContentType.JSON).body(withBsRep).post("/leads").then()
                .statusCode(400).body("field", equalTo("assignedRepId"));
        given().header("X-Api-Key", a.apiKey()).contentType(ContentType.JSON)
                .body("{\"repId\":\"" + b.repIds().get(0) + "\",\"customer\":{\"phone\":\"512-555-0604\"}}")
                .post("/visits").then().statusCode(400).body("field", equalTo("repId"));

        // Same phone as B's lead, sent with A's key: a new lead of A, never a merge into B's.
        String aLead = given().header("X-Api-Key", a.apiKey()).contentType(ContentType.JSON)
                .body(JsonIntakeTest.lead(null, "512-555-0602", null, "[]")).post("/leads").then().statusCode(201)
                .body("outcome", equalTo("created")).extract().path("leadId");
        assertThat(aLead).isNotEqualTo(bLead);
        assertThat(LeadTestSupport.count(dataSource, "select count(*) from lead_merge where lead_id = ?",
                UUID.fromString(bLead))).isZero();

        // Same source lead id under A: not a replay of B's lead either.
        String sourceId = "shared-" + UUID.randomUUID();
        String bByIds = given().header("X-Api-Key", b.apiKey()).contentType(ContentType.JSON)
                .body(JsonIntakeTest.lead(sourceId, "512-555-0605", null, "[]")).post("/leads").then().statusCode(201)
                .extract().path("leadId");
        given().header("X-Api-Key", a.apiKey()).contentType(ContentType.JSON)
                .body(JsonIntakeTest.lead(sourceId, "512-555-0606", null, "[]")).post("/leads").then().statusCode(201)
                .body("leadId", org.hamcrest.Matchers.not(equalTo(bByIds)));
    }

    @Test
    void dealerKeysCannotReachTheAdminApiAndRevokedKeysStopWorking() {
        TestDealer a = LeadTestSupport.dealerWithReps(0);
        given().header("X-Api-Key", a.apiKey()).get("/admin/dealers/" + a.id()).then().statusCode(401);
        given().header("Authorization", "Bearer " + a.apiKey()).get("/admin/dealers/" + a.id()).then().statusCode(403);

        String keyId = given().header("Authorization", LeadTestSupport.ADMIN).get("/admin/dealers/" + a.id() + "/api-keys")
                .then().statusCode(200).extract().path("[0].id");
        given().header("X-Api-Key", a.apiKey()).get("/leads").then().statusCode(200);
        given().header("Authorization", LeadTestSupport.ADMIN).post("/admin/dealers/" + a.id() + "/api-keys/" + keyId + "/revoke")
                .then().statusCode(200).body("revokedAt", org.hamcrest.Matchers.notNullValue());
        given().header("X-Api-Key", a.apiKey()).get("/leads").then().statusCode(401).body("field", equalTo("X-Api-Key"));

        // Another dealer's key id under A's path: 404.
        TestDealer b = LeadTestSupport.dealerWithReps(0);
        String bKeyId = given().header("Authorization", LeadTestSupport.ADMIN).get("/admin/dealers/" + b.id() + "/api-keys")
                .then().extract().path("[0].id");
        given().header("Authorization", LeadTestSupport.ADMIN).post("/admin/dealers/" + a.id() + "/api-keys/" + bKeyId + "/revoke")
                .then().statusCode(404);
        given().header("X-Api-Key", b.apiKey()).get("/leads").then().statusCode(200);
    }
}
