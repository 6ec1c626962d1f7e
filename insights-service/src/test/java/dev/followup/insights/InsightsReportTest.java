package dev.followup.insights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The figures of a dealer's known two days ({@link Scenario}), exactly, and who may see them. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class InsightsReportTest {
    static final String ADMIN = "test-admin-token";
    private static Scenario scenario;

    @BeforeAll
    static void publishTheScenario() {
        scenario = Scenario.publishOne();
    }

    private static JsonPath reportOnceComplete() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonPath report = report(ADMIN, null);
            return report != null && report.getList("reps.name").containsAll(List.of("Ada Rep", "Bo Rep"))
                    && report.getInt("funnel.leads") == 6 && report.getInt("funnel.visits") == 1
                    && report.getInt("funnel.sold") == 1 && report.getList("reps").size() == 2
                    && report.getInt("reps[1].cancelled") == 1 && report.getInt("reps[0].done") == 1
                    && report.getInt("funnel.neverTexted.refused") == 1 && report.getList("steps").size() == 2
                    && report.getInt("steps[0].optOutsWithin48Hours") == 1 && report.getInt("funnel.mergedDuplicates") == 1
                    && report.getInt("funnel.appointments") == 1 && report.getInt("funnel.replied") == 2
                    && report.get("steps[1].holdout") != null && report.getInt("steps[1].holdout.repliesWithin48Hours") == 1
                    && report.getInt("reps[1].skippedOverCap") == 2;
        });
        return report(ADMIN, null);
    }

    static JsonPath report(String token, String source) {
        return report(token, source, scenario.dealer);
    }

    static JsonPath report(String token, String source, java.util.UUID dealer) {
        var request = given().header("Authorization", "Bearer " + token).queryParam("from", Scenario.FROM)
                .queryParam("to", Scenario.TO);
        if (source != null) {
            request.queryParam("source", source);
        }
        var response = request.get("/insights/dealers/{dealer}", dealer);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    @Test
    void theFunnelIsExactlyWhatHappened() throws Exception {
        JsonPath report = reportOnceComplete();
        RebuildTest.keepForTheRebuild(scenario.dealer, report.prettify());
        assertThat(report.getString("dealerName")).isEqualTo("Scenario Motors");
        assertThat(report.getMap("funnel")).containsAllEntriesOf(Map.of("leads", 6, "mergedDuplicates", 1, "texted", 4,
                "contacted", 3, "replied", 2, "optedOut", 1, "appointments", 1, "visits", 1, "sold", 1, "lost", 0));
        assertThat(report.getDouble("funnel.firstTextP50Seconds")).isEqualTo(112.5);
        assertThat(report.getDouble("funnel.firstTextP90Seconds")).isEqualTo(474.0);
        assertThat(report.getDouble("funnel.textedWithin1Minute")).isCloseTo(2 / 6.0, within(1e-6));
        assertThat(report.getDouble("funnel.textedWithin5Minutes")).isCloseTo(3 / 6.0, within(1e-6));
        assertThat(report.getDouble("funnel.contactRate")).isCloseTo(3 / 6.0, within(1e-6));
        assertThat(report.getDouble("funnel.replyRate")).isCloseTo(2 / 6.0, within(1e-6));
        assertThat(report.getMap("funnel.neverTexted"))
                .isEqualTo(Map.of("opted-out", 0, "no-mobile", 1, "refused", 1, "waiting", 0));
        assertThat(report.getList("timeToFirstText.leads", Integer.class)).containsExactly(0, 1, 1, 1, 1, 0, 0);
        assertThat(report.getList("sources.source")).containsExactly("website", "autotrader");
        assertThat(report.getMap("sources[0]")).containsAllEntriesOf(
                Map.of("leads", 4, "texted", 4, "replied", 2, "appointments", 1, "sold", 1));
        assertThat(report.getMap("sources[1]")).containsAllEntriesOf(
                Map.of("leads", 2, "texted", 0, "replied", 0, "appointments", 0, "sold", 0));
    }

    @Test
    void eachRepIsAccountableForTheirTasks() {
        JsonPath report = reportOnceComplete();
        assertThat(report.getList("reps.name")).containsExactly("Ada Rep", "Bo Rep");
        assertThat(report.getMap("reps[0]")).containsAllEntriesOf(Map.of("tasksGiven", 2, "done", 1, "doneLate", 0,
                "overdue", 1, "cancelled", 0, "skippedOverCap", 0));
        assertThat(report.getMap("reps[0].outcomes")).containsEntry("appointment-set", 1).containsEntry("reached", 0);
        assertThat(report.getDouble("reps[0].medianReplyToDoneSeconds")).isEqualTo(300.0);
        assertThat(report.getMap("reps[1]")).containsAllEntriesOf(Map.of("tasksGiven", 2, "done", 1, "doneLate", 1,
                "overdue", 0, "cancelled", 1, "skippedOverCap", 2));
        assertThat(report.getMap("reps[1].outcomes")).containsEntry("reached", 1).containsEntry("appointment-set", 0);
        assertThat(report.getString("reps[1].medianReplyToDoneSeconds")).isNull();
    }

    @Test
    void eachPlanStepShowsWhatFollowedIt() {
        JsonPath report = reportOnceComplete();
        assertThat(report.getList("steps.step")).containsExactly("new-lead.first-touch", "new-lead.day-1");
        assertThat(report.getMap("steps[0]")).containsAllEntriesOf(Map.of("channel", "text", "sent", 4,
                "repliesWithin48Hours", 2, "appointmentsWithin7Days", 1, "optOutsWithin48Hours", 1));
        assertThat(report.getString("steps[0].holdout")).as("first-touch holds nobody out").isNull();
        assertThat(report.getMap("steps[1]")).containsAllEntriesOf(Map.of("channel", "text", "sent", 2,
                "repliesWithin48Hours", 0, "appointmentsWithin7Days", 0, "optOutsWithin48Hours", 0));
    }

    @Test
    void aStepsHoldoutShowsItsLiftWithAnInterval() {
        JsonPath report = reportOnceComplete();
        assertThat(report.getMap("steps[1].holdout")).containsAllEntriesOf(Map.of("leads", 2,
                "repliesWithin48Hours", 1, "appointmentsWithin7Days", 0));
        assertThat(report.getDouble("steps[1].holdout.replyRate")).isCloseTo(0.5, within(1e-6));
        // The two texted leads did not reply and one of the two held out did: the step shows no lift here.
        assertThat(report.getDouble("steps[1].holdout.replyLift.difference")).isCloseTo(-0.5, within(1e-6));
        assertThat(report.getDouble("steps[1].holdout.replyLift.low")).isCloseTo(-1.0, within(1e-6));
        assertThat(report.getDouble("steps[1].holdout.replyLift.high")).isCloseTo(0.5 * -1 + 1.96 * Math.sqrt(0.125), within(1e-5));
        assertThat(report.getDouble("steps[1].holdout.appointmentLift.difference")).isCloseTo(0.0, within(1e-6));
        assertThat(report.getDouble("steps[1].holdout.appointmentLift.high")).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void aSourceFilterAndAPeriodNarrowTheFigures() {
        reportOnceComplete();
        JsonPath autotrader = report(ADMIN, "AutoTrader");
        assertThat(autotrader.getInt("funnel.leads")).isEqualTo(2);
        assertThat(autotrader.getInt("funnel.texted")).isZero();
        assertThat(autotrader.getList("steps")).isEmpty();
        // The day after: no lead was received, but the day-1 texts were sent then.
        JsonPath dayTwo = given().header("Authorization", "Bearer " + ADMIN).queryParam("from", Scenario.TO)
                .queryParam("to", Scenario.TO).get("/insights/dealers/{dealer}", scenario.dealer).jsonPath();
        assertThat(dayTwo.getInt("funnel.leads")).isZero();
        assertThat(dayTwo.getList("steps.step")).containsExactly("new-lead.day-1");
    }

    @Test
    void everyTableExportsAsCsv() {
        reportOnceComplete();
        String reps = given().header("Authorization", "Bearer " + ADMIN).queryParam("from", Scenario.FROM)
                .queryParam("to", Scenario.TO).get("/insights/dealers/{dealer}/reps.csv", scenario.dealer)
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("insights-reps-2026-03-10-2026-03-11.csv"))
                .extract().asString();
        List<String> lines = reps.lines().toList();
        assertThat(lines.get(0)).startsWith("rep_id,name,tasks_given,done,done_late,overdue,cancelled,skipped_over_cap,outcome_reached");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",\"Ada Rep\",2,1,0,1,0,").endsWith(",300.0");
        for (String table : List.of("funnel", "first-text", "sources", "steps")) {
            given().header("Authorization", "Bearer " + ADMIN).get("/insights/dealers/{dealer}/{table}.csv",
                    scenario.dealer, table).then().statusCode(200);
        }
        given().header("Authorization", "Bearer " + ADMIN).get("/insights/dealers/{dealer}/everything.csv",
                scenario.dealer).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aManagerSeesTheirOwnDealerOnly() {
        reportOnceComplete();
        String manager = scenario.tokenOf(scenario.manager, scenario.dealer, "manager");
        await().atMost(Duration.ofSeconds(30)).until(() -> report(manager, null) != null);
        assertThat(report(manager, null).getInt("funnel.leads")).isEqualTo(6);

        String otherManager = scenario.tokenOf(scenario.otherManager, scenario.otherDealer, "manager");
        given().header("Authorization", "Bearer " + otherManager).get("/insights/dealers/{dealer}", scenario.dealer)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + otherManager).get("/insights/dealers/{dealer}/funnel.csv",
                scenario.dealer).then().statusCode(404);
        given().header("Authorization", "Bearer " + otherManager).get("/insights/dealers/{dealer}", scenario.otherDealer)
                .then().statusCode(200);
    }

    @Test
    void aRepSeesNothingAndNeitherDoesAForgedOrMissingToken() {
        reportOnceComplete();
        String rep = scenario.tokenOf(scenario.rep1, scenario.dealer, "rep");
        given().header("Authorization", "Bearer " + rep).get("/insights/dealers/{dealer}", scenario.dealer)
                .then().statusCode(403).contentType("application/problem+json");
        // A token that claims the manager role for a rep the directory knows as a rep: the directory decides.
        String claimsManager = scenario.tokenOf(scenario.rep1, scenario.dealer, "manager");
        given().header("Authorization", "Bearer " + claimsManager).get("/insights/dealers/{dealer}", scenario.dealer)
                .then().statusCode(403);
        given().header("Authorization", "Bearer not-a-token").get("/insights/dealers/{dealer}", scenario.dealer)
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/insights/dealers/{dealer}", scenario.dealer).then().statusCode(401);
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        given().header("Authorization", "Bearer " + ADMIN).queryParam("from", "10/03/2026")
                .get("/insights/dealers/{dealer}", scenario.dealer)
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("from"));
        given().header("Authorization", "Bearer " + ADMIN).queryParam("from", "2026-03-12").queryParam("to", "2026-03-01")
                .get("/insights/dealers/{dealer}", scenario.dealer).then().statusCode(400).body("field", equalTo("to"));
        given().header("Authorization", "Bearer " + ADMIN).queryParam("from", "2024-01-01").queryParam("to", "2026-03-01")
                .get("/insights/dealers/{dealer}", scenario.dealer).then().statusCode(400).body("field", equalTo("from"));
        given().header("Authorization", "Bearer " + ADMIN).get("/insights/dealers/not-a-uuid").then().statusCode(404);
        given().header("Authorization", "Bearer " + ADMIN).get("/insights/dealers/{dealer}", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aManagerSignsInToTheDashboardPageAndSeesTheFigures() {
        reportOnceComplete();
        String manager = scenario.tokenOf(scenario.manager, scenario.dealer, "manager");
        await().atMost(Duration.ofSeconds(30)).until(() -> report(manager, null) != null);
        given().redirects().follow(false).get("/insights/dashboard/{dealer}", scenario.dealer)
                .then().statusCode(303).header("Location", endsWith("/insights/dashboard/sign-in"));
        var signedIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", manager).post("/insights/dashboard/sign-in");
        signedIn.then().statusCode(303).header("Location", endsWith("/insights/dashboard/" + scenario.dealer));
        String session = signedIn.getCookie(DashboardPageCookie.NAME);
        assertThat(session).isEqualTo(manager);
        assertThat(signedIn.getDetailedCookie(DashboardPageCookie.NAME).isHttpOnly()).isTrue();

        String page = given().cookie(DashboardPageCookie.NAME, session).queryParam("from", Scenario.FROM)
                .queryParam("to", Scenario.TO).get("/insights/dashboard/{dealer}", scenario.dealer)
                .then().statusCode(200).contentType(startsWith("text/html")).extract().asString();
        assertThat(page).contains("Scenario Motors").contains("<b id=\"leads\">6</b>")
                .contains("<b id=\"first-text-p50\">113 s</b>").contains("<svg").contains("Ada Rep")
                .contains("new-lead.first-touch").contains("reps.csv?from=2026-03-10&amp;to=2026-03-11");
        given().cookie(DashboardPageCookie.NAME, session).get("/insights/dashboard/{dealer}", scenario.otherDealer)
                .then().statusCode(404).contentType(startsWith("text/html"));
    }

    @Test
    void aRepCannotSignInToTheDashboard() {
        reportOnceComplete();
        String rep = scenario.tokenOf(scenario.rep2, scenario.dealer, "rep");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", "Bearer " + rep)
                .get("/insights/dealers/{dealer}", scenario.dealer).statusCode() == 403);
        given().contentType("application/x-www-form-urlencoded").formParam("token", rep).post("/insights/dashboard/sign-in")
                .then().statusCode(403).contentType(startsWith("text/html")).body(containsString("for managers"));
    }

    /** The dashboard's session cookie, named once for these tests. */
    private static final class DashboardPageCookie {
        static final String NAME = dev.followup.insights.api.DashboardPage.COOKIE;
    }
}
