package dev.followup.task.api;

import static dev.followup.task.TaskFixtures.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.followup.testing.RealInfrastructure;
import dev.followup.platform.time.MovableClock;
import dev.followup.task.TaskFixtures;
import dev.followup.task.TaskFixtures.Team;
import dev.followup.task.TaskFixtures.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Every endpoint against every kind of caller: rep A (owner), rep B (same dealer), their manager, another dealer's
 * manager, no token and a bad token. Refusals are problem bodies.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixTest {
    @Inject
    MovableClock clock;

    Team team;
    Tokens tokens;
    String otherManager;
    String forged;
    UUID lead;

    @BeforeEach
    void twoDealers() throws Exception {
        Instant now = clock.instant();
        team = Team.create(now);
        UUID otherDealer = UUID.randomUUID();
        UUID otherManagerId = UUID.randomUUID();
        TaskFixtures.dealer(otherDealer, team.zone(), now);
        TaskFixtures.rep(otherManagerId, otherDealer, "Other Manager", "manager", true, now);
        tokens = team.awaitTokens();
        otherManager = TaskFixtures.tokenFor(otherManagerId);
        // Right claims, right issuer, wrong key.
        forged = Jwt.issuer("followup-task-service").subject(team.manager().toString())
                .claim("dealerId", team.dealerId().toString()).groups(Set.of("manager")).expiresIn(600)
                .sign(KeyUtils.generateKeyPair(2048).getPrivate());
        lead = UUID.randomUUID();
    }

    @Test
    void todaysList() {
        String path = "/reps/" + team.repA() + "/tasks";
        expect(as(tokens.repA()).get(path), 200);
        expect(as(tokens.repB()).get(path), 403);
        expect(as(tokens.manager()).get(path), 200);
        expect(as(otherManager).get(path), 404);
        expect(given().get(path), 401);
        expect(as(forged).get(path), 401);
        expect(as("not-a-jwt").get(path), 401);
        // An unknown rep is not found, whoever asks.
        expect(as(tokens.manager()).get("/reps/" + UUID.randomUUID() + "/tasks"), 404);
    }

    @Test
    void complete() {
        UUID ownedByA = task(team.repA());
        UUID alsoA = task(team.repA());
        Map<String, String> body = Map.of("outcome", "reached");
        expect(asJson(tokens.repB()).body(body).post("/tasks/{id}/complete", ownedByA), 403);
        expect(asJson(otherManager).body(body).post("/tasks/{id}/complete", ownedByA), 404);
        expect(given().contentType(ContentType.JSON).body(body).post("/tasks/{id}/complete", ownedByA), 401);
        expect(asJson(forged).body(body).post("/tasks/{id}/complete", ownedByA), 401);
        expect(asJson(tokens.repA()).body(body).post("/tasks/{id}/complete", UUID.randomUUID()), 404);
        expect(asJson(tokens.repA()).body(body).post("/tasks/{id}/complete", ownedByA), 200);
        expect(asJson(tokens.manager()).body(body).post("/tasks/{id}/complete", alsoA), 200);
        expect(asJson(tokens.repA()).body(body).post("/tasks/{id}/complete", ownedByA), 409);
    }

    /** The inbox page's complete button: the session cookie instead of a bearer token, HTML pages instead of problems. */
    @Test
    void completeFromTheInboxPage() {
        UUID ownedByA = task(team.repA());
        UUID alsoA = task(team.repA());
        expectPage(fromInbox(tokens.repB(), ownedByA), 403);
        expectPage(fromInbox(otherManager, ownedByA), 404);
        expectPage(fromInbox(null, ownedByA), 401);
        expectPage(fromInbox(forged, ownedByA), 401);
        expectPage(fromInbox("not-a-jwt", ownedByA), 401);
        expectPage(fromInbox(tokens.repA(), UUID.randomUUID()), 404);
        org.assertj.core.api.Assertions.assertThat(TaskFlowTest.listIds(tokens.manager(), team.repA()))
                .as("refused completions change nothing").contains(ownedByA, alsoA);
        expectPage(fromInbox(tokens.repA(), ownedByA), 303);
        expectPage(fromInbox(tokens.manager(), alsoA), 303);
        expectPage(fromInbox(tokens.repA(), ownedByA), 409);
        org.assertj.core.api.Assertions.assertThat(TaskFlowTest.listIds(tokens.manager(), team.repA()))
                .doesNotContain(ownedByA, alsoA);
    }

    /** The page itself, as a rep opens it from a bookmark (no notice) or after an action (a notice). */
    @Test
    void theInboxPageOpensWithOrWithoutANotice() {
        given().cookie(InboxPage.COOKIE, tokens.repA()).get("/inbox").then().statusCode(200).contentType(ContentType.HTML);
        given().cookie(InboxPage.COOKIE, tokens.repA()).queryParam("notice", "completed").get("/inbox").then()
                .statusCode(200).contentType(ContentType.HTML);
        given().cookie(InboxPage.COOKIE, tokens.repA()).queryParam("notice", "no-such-notice").get("/inbox").then()
                .statusCode(200).contentType(ContentType.HTML);
        given().get("/inbox").then().statusCode(401).contentType(ContentType.HTML);
    }

    private static Response fromInbox(String sessionToken, UUID taskId) {
        RequestSpecification request = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("outcome", "reached");
        if (sessionToken != null) {
            request = request.cookie(InboxPage.COOKIE, sessionToken);
        }
        return request.post("/inbox/tasks/{id}/complete", taskId);
    }

    private static void expectPage(Response response, int status) {
        response.then().statusCode(status);
        if (status == 303) {
            response.then().header("Location", org.hamcrest.Matchers.endsWith("/inbox?notice=completed"));
        } else {
            response.then().contentType(ContentType.HTML);
        }
    }

    @Test
    void snooze() {
        UUID ownedByA = task(team.repA());
        Map<String, String> body = Map.of("until", clock.instant().plus(Duration.ofDays(1)).toString());
        expect(asJson(tokens.repB()).body(body).post("/tasks/{id}/snooze", ownedByA), 403);
        expect(asJson(otherManager).body(body).post("/tasks/{id}/snooze", ownedByA), 404);
        expect(given().contentType(ContentType.JSON).body(body).post("/tasks/{id}/snooze", ownedByA), 401);
        expect(asJson(forged).body(body).post("/tasks/{id}/snooze", ownedByA), 401);
        expect(asJson(tokens.repA()).body(body).post("/tasks/{id}/snooze", ownedByA), 200);
        expect(asJson(tokens.manager()).body(body).post("/tasks/{id}/snooze", ownedByA), 200);
    }

    @Test
    void reassignIsForTheDealersManagerOnly() {
        UUID ownedByA = task(team.repA());
        Map<String, String> body = Map.of("repId", team.repB().toString());
        expect(asJson(tokens.repA()).body(body).post("/tasks/{id}/reassign", ownedByA), 403);
        expect(asJson(tokens.repB()).body(body).post("/tasks/{id}/reassign", ownedByA), 403);
        expect(asJson(otherManager).body(body).post("/tasks/{id}/reassign", ownedByA), 404);
        expect(given().contentType(ContentType.JSON).body(body).post("/tasks/{id}/reassign", ownedByA), 401);
        expect(asJson(forged).body(body).post("/tasks/{id}/reassign", ownedByA), 401);
        expect(asJson(tokens.manager()).body(body).post("/tasks/{id}/reassign", ownedByA), 200);
    }

    @Test
    void summaryIsForTheDealersManagerOnly() {
        String path = "/dealers/" + team.dealerId() + "/summary";
        expect(as(tokens.repA()).get(path), 403);
        expect(as(tokens.repB()).get(path), 403);
        expect(as(tokens.manager()).get(path), 200);
        expect(as(otherManager).get(path), 404);
        expect(given().get(path), 401);
        expect(as(forged).get(path), 401);
    }

    @Test
    void tokensAreIssuedWithTheAdminTokenOnlyAndOnlyForActiveReps() {
        Map<String, String> body = Map.of("repId", team.repA().toString());
        expect(given().contentType(ContentType.JSON).body(body).post("/auth/tokens"), 401);
        // A rep's own token is not the admin token.
        expect(asJson(tokens.repA()).body(body).post("/auth/tokens"), 403);
        expect(asJson(TaskFixtures.ADMIN_TOKEN).body(Map.of("repId", UUID.randomUUID().toString())).post("/auth/tokens"), 422);
        expect(asJson(TaskFixtures.ADMIN_TOKEN).body("{}").post("/auth/tokens"), 400);
        asJson(TaskFixtures.ADMIN_TOKEN).body(body).post("/auth/tokens").then().statusCode(200)
                .body("token", notNullValue()).body("tokenType", equalTo("Bearer"))
                .body("role", equalTo("rep")).body("dealerId", equalTo(team.dealerId().toString()))
                .body("signInUrl", org.hamcrest.Matchers.startsWith("/inbox/sign-in?token="));
    }

    @Test
    void aDeactivatedRepLosesAccessAtOnce() {
        String path = "/reps/" + team.repB() + "/tasks";
        expect(as(tokens.repB()).get(path), 200);
        TaskFixtures.rep(team.repB(), team.dealerId(), "Rep B", "rep", false, clock.instant().plusSeconds(1));
        await().atMost(PATIENCE).until(() -> as(tokens.repB()).get(path).statusCode() == 403);
        expect(as(tokens.repB()).get(path), 403);
        expect(TaskFixtures.issue(team.repB()), 422);
    }

    private UUID task(UUID repId) {
        UUID taskId = UUID.randomUUID();
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(taskId, lead, team.dealerId(), repId, "call",
                clock.instant().plus(Duration.ofHours(1)), 50, "matrix", Instant.now()));
        await().atMost(PATIENCE).until(() -> TaskFlowTest.listIds(tokens.manager(), repId).contains(taskId));
        return taskId;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static RequestSpecification asJson(String token) {
        return as(token).contentType(ContentType.JSON);
    }

    private static void expect(Response response, int status) {
        if (status == 200) {
            response.then().statusCode(200);
        } else {
            response.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                    .body("title", notNullValue());
        }
    }
}
