package dev.followup.e2e;

import static dev.followup.e2e.Journeys.platform;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.followup.testing.PrometheusPage;
import dev.followup.testing.processes.Platform;
import io.restassured.response.Response;

/**
 * deploy/local/demo against the started platform, as a first-time user runs it after deploy/local/up: it succeeds,
 * every link it prints works, and a second run adds no dealer and no lead.
 */
@Order(5)
class DemoScriptTest {
    private static final Pattern SIGN_IN = Pattern.compile("(http://\\S+/inbox/sign-in\\?token=\\S+)");
    private static final Pattern TIMELINE = Pattern.compile("(http://\\S+)/leads/([0-9a-f-]{36})/timeline");
    private static final Pattern MESSAGES = Pattern.compile("'(http://\\S+/messages\\?leadId=[0-9a-f-]{36})'");
    private static final Pattern LEADS = Pattern.compile("leads: ([0-9a-f-]{36}) \\(website\\), ([0-9a-f-]{36}) \\(cars.com\\),"
            + " ([0-9a-f-]{36}) \\(facebook, email only\\), ([0-9a-f-]{36}) \\(ADF from AutoTrader\\)");

    private final Platform platform = platform();
    private final Path state = Path.of("target", "demo-state").toAbsolutePath();

    @Test
    void theDemoPrintsLinksThatWorkAndRunsTwiceWithoutDuplicates() throws Exception {
        daytimeWhereTheDemoDealerIs();
        String first = runDemo();
        assertThat(first).contains("created the dealer Demo Motors");
        Matcher leads = find(LEADS, first);
        List<String> leadIds = List.of(leads.group(1), leads.group(2), leads.group(3), leads.group(4));
        assertThat(leadIds).doesNotHaveDuplicates();

        // The rep's one-time link signs the rep in: a session cookie and the inbox page.
        Response signIn = given().redirects().follow(false).get(find(SIGN_IN, first).group(1));
        assertThat(signIn.statusCode()).isEqualTo(303);
        String session = signIn.cookie("followup_inbox");
        assertThat(session).isNotBlank();
        assertThat(given().cookie("followup_inbox", session).get(platform.task().baseUrl() + "/inbox").then()
                .statusCode(200).extract().asString()).contains("Dana Rep");

        // The lead's timeline and messages, with the admin token as printed.
        Matcher timeline = find(TIMELINE, first);
        assertThat(timeline.group(2)).isEqualTo(leadIds.get(0));
        given().header("Authorization", "Bearer " + platform.cadence().adminToken()).get(timeline.group(0)).then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + platform.messaging().adminToken()).get(find(MESSAGES, first).group(1))
                .then().statusCode(200);
        // Each service has its own admin token: lead-service's opens nothing at cadence or messaging.
        given().header("Authorization", "Bearer " + platform.lead().adminToken()).get(timeline.group(0)).then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + platform.lead().adminToken()).get(find(MESSAGES, first).group(1))
                .then().statusCode(403);

        // The manager's token, kept where the demo says, signs in to the dashboard of Demo Motors.
        String managerToken = Files.readString(state.resolve("manager-token")).trim();
        Response dashboardSignIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", managerToken).post(platform.insights().baseUrl() + "/insights/dashboard/sign-in");
        assertThat(dashboardSignIn.statusCode()).isEqualTo(303);
        String dashboard = given().redirects().follow(false)
                .cookie("followup_insights", dashboardSignIn.cookie("followup_insights"))
                .get(platform.insights().baseUrl() + dashboardSignIn.header("Location").replaceFirst("^https?://[^/]+", ""))
                .then().statusCode(200).extract().asString();
        assertThat(dashboard).contains("Demo Motors");

        // What operations watch: every platform metric an alert reads exists, and the demo's texts moved the figures.
        String metrics = String.join("\n", platform.lead().baseUrl(), platform.cadence().baseUrl(),
                platform.messaging().baseUrl(), platform.task().baseUrl(), platform.insights().baseUrl()).lines()
                .map(base -> given().get(base + "/q/metrics").then().statusCode(200).extract().asString())
                .reduce("", String::concat);
        String rules = Files.readString(Platform.repositoryRoot().resolve("deploy/k8s/base/monitoring/prometheusrule.yaml"));
        Matcher named = Pattern.compile("\\b(followup_[a-z_]+)").matcher(rules);
        int checked = 0;
        while (named.find()) {
            assertThat(metrics).as("the alerts read %s", named.group(1)).containsPattern("(?m)^" + named.group(1) + "[{ ]");
            checked++;
        }
        assertThat(checked).as("platform metrics named by the alerts").isGreaterThanOrEqualTo(6);
        // Three of the four leads have a mobile number: three first texts; in sandbox mode Ava's simulated reply.
        boolean simulatedReply = first.contains("answered the first text");
        await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            PrometheusPage cadence = PrometheusPage.of(platform.cadence().baseUrl());
            PrometheusPage messaging = PrometheusPage.of(platform.messaging().baseUrl());
            assertThat(cadence.sum("followup_first_text_request_delay_seconds_count")).as("first texts requested")
                    .isGreaterThanOrEqualTo(3);
            assertThat(messaging.sum("followup_first_text_send_delay_seconds_count")).as("first texts accepted")
                    .isGreaterThanOrEqualTo(3);
            assertThat(messaging.sum("followup_texts_sent_total")).as("texts sent or, in sandbox mode, recorded")
                    .isGreaterThanOrEqualTo(3);
            if (simulatedReply) {
                assertThat(messaging.sum("followup_replies_total")).as("replies").isGreaterThanOrEqualTo(1);
            }
            assertThat(PrometheusPage.of(platform.lead().baseUrl()).sum("outbox_published_total"))
                    .as("lead events published").isGreaterThanOrEqualTo(4);
        });

        // Again: the same dealer, people and leads.
        String second = runDemo();
        assertThat(second).contains("the dealer Demo Motors exists").doesNotContain("created the dealer");
        Matcher again = find(LEADS, second);
        assertThat(List.of(again.group(1), again.group(2), again.group(3), again.group(4))).isEqualTo(leadIds);
        List<Object> demoDealers = given().header("Authorization", "Bearer " + platform.lead().adminToken())
                .get(platform.lead().baseUrl() + "/admin/dealers").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.name == 'Demo Motors' }");
        assertThat(demoDealers).hasSize(1);
    }

    /**
     * The demo places its dealer where it is daytime by the wall clock (its own rule, mirrored here), falling back to
     * Chicago; the services' clock, which earlier journeys may have moved, must agree that texting is allowed there.
     */
    private void daytimeWhereTheDemoDealerIs() {
        ZoneId zone = ZoneId.of("America/Chicago");
        for (String candidate : List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
                "America/Anchorage", "Pacific/Honolulu")) {
            int hour = java.time.ZonedDateTime.now(ZoneId.of(candidate)).getHour();
            if (hour >= 9 && hour < 20) {
                zone = ZoneId.of(candidate);
                break;
            }
        }
        int servicesHour = platform.now().atZone(zone).getHour();
        if (servicesHour < 9 || servicesHour >= 19) {
            Journeys.moveClocksTo(Journeys.nextLocal(LocalTime.of(10, 0), zone));
        }
    }

    private String runDemo() throws IOException, InterruptedException {
        Path script = Platform.repositoryRoot().resolve("deploy/local/demo");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("LEAD_URL", platform.lead().baseUrl(), "CADENCE_URL",
                platform.cadence().baseUrl(), "MESSAGING_URL", platform.messaging().baseUrl(), "TASK_URL",
                platform.task().baseUrl(), "INSIGHTS_URL", platform.insights().baseUrl(), "LEAD_ADMIN_TOKEN",
                platform.lead().adminToken(), "MESSAGING_ADMIN_TOKEN", platform.messaging().adminToken(),
                "TASK_ADMIN_TOKEN", platform.task().adminToken(), "DEMO_STATE", state.toString()));
        Process process = builder.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("the demo finished within 3 minutes").isTrue();
        assertThat(process.exitValue()).as("the demo's exit status; it printed:%n%s", output).isZero();
        return output;
    }

    /** The sum of a metric's samples (all label sets) in a Prometheus text page. */
    private static Matcher find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        assertThat(matcher.find()).as("the demo printed %s; it printed:%n%s", pattern, output).isTrue();
        return matcher;
    }
}
