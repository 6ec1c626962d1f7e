package dev.followup.cadence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.desk.LeadScore;
import dev.followup.cadence.domain.likelihood.LeadFeatures;
import dev.followup.cadence.domain.likelihood.LeadScoring;
import dev.followup.cadence.domain.likelihood.LikelihoodModel;
import dev.followup.cadence.domain.likelihood.LikelihoodModels;
import dev.followup.cadence.domain.likelihood.LikelihoodRefit;
import dev.followup.cadence.domain.likelihood.ScoreSnapshots;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The learned likelihood over the real database: scored leads are kept as examples, the refit stores a new version
 * of the platform's and each large-enough dealer's model, and scoring then uses the dealer's own model (or the
 * platform's) with its explanation in words. The refit looks far ahead of the other tests' leads, so it sees only
 * this test's.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class LikelihoodRefitTest extends CadenceTestSupport {
    private static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");
    private final UUID large = UUID.randomUUID();
    private final UUID small = UUID.randomUUID();

    @Inject
    ScoreSnapshots snapshots;
    @Inject
    LikelihoodModels models;
    @Inject
    LikelihoodRefit refit;
    @Inject
    LeadScoring scoring;
    @Inject
    EntityManager entityManager;

    @AfterEach
    void forgetTheModels() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("delete from likelihood_model").executeUpdate();
            entityManager.createNativeQuery("delete from score_snapshot where dealer_id in (?1, ?2)")
                    .setParameter(1, large).setParameter(2, small).executeUpdate();
        });
        models.refresh();
    }

    @Test
    void refitLearnsFromSettledLeadsStoresVersionsAndScoringUsesTheDealersModel() {
        Random random = new Random(11);
        Instant received = NOW.minus(Duration.ofDays(40));
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 10; i++) {
                example(small, received, random.nextInt(3), random.nextBoolean() ? Duration.ofDays(2) : null);
            }
        });
        assertThat(refit.run(NOW)).as("10 settled leads are too few for any model").isEmpty();
        assertThat(models.forDealer(small, NOW)).isEmpty();

        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 400; i++) {
                int replies = random.nextInt(3);
                boolean closes = random.nextDouble() < (replies == 0 ? 0.05 : replies == 1 ? 0.35 : 0.7);
                // A close after the 30-day window is no close for the model.
                Duration after = closes ? Duration.ofDays(3) : random.nextDouble() < 0.2 ? Duration.ofDays(35) : null;
                example(large, received, replies, after);
            }
            // Not settled yet: came in 10 days ago, so its outcome window is still open.
            example(large, NOW.minus(Duration.ofDays(10)), 2, null);
        });

        List<LikelihoodModel> first = refit.run(NOW);
        assertThat(first).extracting(LikelihoodModel::dealerId).containsExactlyInAnyOrder(null, large);
        LikelihoodModel platform = first.stream().filter(m -> m.dealerId() == null).findFirst().orElseThrow();
        assertThat(platform.trainedOn()).isEqualTo(410);
        LikelihoodModel own = first.stream().filter(m -> large.equals(m.dealerId())).findFirst().orElseThrow();
        assertThat(own.trainedOn()).isEqualTo(400);
        assertThat(own.positives()).isBetween(100, 200);
        assertThat(own.weights().get("replies")).isGreaterThan(0.8);

        refit.run(NOW.plus(Duration.ofDays(1)));
        assertThat(models.versions(large)).extracting(LikelihoodModel::version).containsExactly(2, 1);
        assertThat(models.versions(null)).extracting(LikelihoodModel::version).containsExactly(2, 1);
        assertThat(models.forDealer(large, NOW).orElseThrow().version()).isEqualTo(2);
        assertThat(models.forDealer(small, NOW).orElseThrow().dealerId()).as("too small for its own: the platform's").isNull();
        given().auth().oauth2("test-admin-token").get("/likelihood-models/dealers/" + large).then().statusCode(200)
                .body("version", contains(2, 1)).body("[0].trainedOn", equalTo(400))
                .body("[0].weights.replies", greaterThan(0.8f));
        given().auth().oauth2("test-admin-token").get("/likelihood-models/dealers/" + small).then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2("test-admin-token").get("/likelihood-models/dealers/not-a-dealer").then().statusCode(400)
                .body("field", equalTo("dealerId"));
        given().get("/likelihood-models/platform").then().statusCode(401);

        LeadCadence lead = new LeadCadence();
        lead.leadId = UUID.randomUUID();
        lead.dealerId = large;
        lead.source = "website";
        lead.createdAt = NOW.minus(Duration.ofHours(3));
        lead.replies = 2;
        LeadScore score = QuarkusTransaction.requiringNew().call(() -> scoring.score(lead, CHICAGO, NOW));
        assertThat(score.explanation().get(0)).startsWith("chance of an appointment or sale in 30 days: ");
        assertThat(score.explanation()).anyMatch(line -> line.startsWith("replied twice: +"));
        assertThat(score.hotFrom()).isEqualTo(models.forDealer(large, NOW).orElseThrow().hotFrom());
        assertThat(count("select count(*) from score_snapshot where lead_id = ?", lead.leadId)).isEqualTo(1);
    }

    @Test
    void theNightlyRefitIsOneRecurringTimer() {
        assertThat(count("select count(*) from scheduled_tasks where task_name = 'likelihood-refit'")).isEqualTo(1);
    }

    private void example(UUID dealerId, Instant receivedAt, int replies, Duration closedAfter) {
        UUID leadId = UUID.randomUUID();
        LeadScore.Inputs inputs = new LeadScore.Inputs(receivedAt, null, replies, 0, "website");
        Instant scoredAt = receivedAt.plus(Duration.ofHours(2));
        snapshots.recordFirst(leadId, dealerId, receivedAt, LeadFeatures.of(inputs, scoredAt), scoredAt);
        if (closedAfter != null) {
            snapshots.markClosed(leadId, receivedAt.plus(closedAfter));
        }
    }
}
