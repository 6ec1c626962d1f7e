package dev.followup.e2e;

import static dev.followup.e2e.Journeys.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.followup.testing.processes.Platform;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Promise: a manager's figures are what happened. Ten leads over two sources get their first texts, three
 * customers write back, two send STOP, a rep sets an appointment from one reply and reaches another, one lead is
 * sold, and a check-in step that holds half the leads out comes due; the dealer's report, read with the manager
 * token task-service issues, has exactly those numbers (the check-in's texts and holdouts as cadence decided
 * them), and neither a rep nor another dealer's manager can read it.
 */
@Order(4)
class InsightsJourneysTest {
    private final Platform platform = platform();

    @Test
    void aManagersReportHasExactlyTheNumbersOfWhatHappened() {
        Dealership dealer = Dealership.open(platform, "Insight Motors", "America/Chicago", "TX", 2, 20);
        String manager = staff(dealer.dealerId, "Mia Manager", "manager");
        // The dealer holds half of its leads out of a check-in text five hours in, to see what it adds.
        Dealership.admin(platform.cadence())
                .body("{\"steps\":[{\"id\":\"first-touch\",\"offset\":\"PT0S\",\"channel\":\"text\",\"template\":\"Hi {firstName}!\"},"
                        + "{\"id\":\"check-in\",\"offset\":\"PT5H\",\"channel\":\"text\",\"template\":\"Still looking?\","
                        + "\"holdoutPercent\":50}]}")
                .put("/dealers/" + dealer.dealerId + "/plans/new-lead").then().statusCode(200);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        LocalDate day = start.atZone(CHICAGO).toLocalDate();

        List<String> leads = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String phone = newPhone();
            phones.add(phone);
            leads.add(created(dealer.postLead(jsonLead(i < 6 ? "website" : "cars.com", "Buyer" + i, phone))));
        }
        phones.forEach(phone -> awaitTexts(phone, 1, FIRST_TEXT_PATIENCE));

        for (int i = 0; i < 3; i++) {
            reply(dealer, phones.get(i), "Is it still available? Can I come by after 5?").then().statusCode(200);
        }
        reply(dealer, phones.get(3), "STOP").then().statusCode(200);
        reply(dealer, phones.get(4), "stop texting me").then().statusCode(200);

        Map<String, Object> first = urgentTaskOf(dealer, leads.get(0));
        Map<String, Object> second = urgentTaskOf(dealer, leads.get(1));
        complete(dealer, first, Map.of("outcome", "appointment-set",
                "appointmentAt", serviceNow().plus(Duration.ofDays(2)).toString()));
        complete(dealer, second, Map.of("outcome", "reached", "note", "call back next week"));
        dealer.changeStatus(leads.get(2), "sold").then().statusCode(200);

        String managerToken = tokenOf(manager);
        JsonPath report = await("the report has caught up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> report(dealer.dealerId, managerToken, day), r -> r != null
                        && r.getInt("funnel.leads") == 10 && r.getInt("funnel.replied") == 3
                        && r.getInt("funnel.optedOut") == 2 && r.getInt("funnel.appointments") == 1
                        && r.getInt("funnel.sold") == 1 && r.getInt("funnel.contacted") == 3
                        // both completions read and rolled up (a reply already made the second lead contacted)
                        && r.getList("reps.done", Integer.class).stream().mapToInt(Integer::intValue).sum() == 2);
        assertThat(report.getString("dealerName")).isEqualTo("Insight Motors");
        assertThat(report.getInt("funnel.texted")).isEqualTo(10);
        assertThat(report.getInt("funnel.mergedDuplicates")).isZero();
        assertThat(report.getMap("funnel.neverTexted")).containsOnly(Map.entry("opted-out", 0), Map.entry("no-mobile", 0),
                Map.entry("refused", 0), Map.entry("waiting", 0));
        assertThat(report.getList("sources.source")).containsExactly("website", "cars.com");
        assertThat(report.getList("sources.leads", Integer.class)).containsExactly(6, 4);
        assertThat(report.getList("sources.replied", Integer.class)).containsExactly(3, 0);

        Map<String, Object> firstTouch = report.getMap("steps.find { it.step == 'new-lead.first-touch' }");
        assertThat(firstTouch).containsEntry("sent", 10).containsEntry("repliesWithin48Hours", 3)
                .containsEntry("optOutsWithin48Hours", 2).containsEntry("appointmentsWithin7Days", 1);

        List<Map<String, Object>> reps = report.getList("reps");
        assertThat(reps.stream().mapToInt(rep -> (Integer) rep.get("done")).sum()).isEqualTo(2);
        Map<String, Object> appointmentSetter = report.getMap("reps.find { it.repId == '" + first.get("repId") + "' }");
        assertThat(appointmentSetter).isNotNull();
        assertThat(report.getInt("reps.find { it.repId == '" + first.get("repId") + "' }.outcomes['appointment-set']"))
                .isEqualTo(1);
        assertThat(appointmentSetter.get("medianReplyToDoneSeconds")).isNotNull();

        // Five hours on, the check-in is due: each lead still in its plan is texted or held out, as cadence decides.
        moveClocksTo(start.plus(Duration.ofHours(5)).plusSeconds(30));
        awaitQuiet();
        long checkInsSent = leads.stream().filter(lead -> !checkIn(lead, "text-sent").isEmpty()).count();
        long heldOut = leads.stream().filter(lead -> checkIn(lead, "step-skipped").stream()
                .anyMatch(entry -> String.valueOf(entry.get("reason")).contains("held out"))).count();
        assertThat(checkInsSent + heldOut).as("the leads still in the new-lead plan").isGreaterThanOrEqualTo(5);
        System.out.printf("[insights] check-in step: %d texted, %d held out%n", checkInsSent, heldOut);
        JsonPath later = await("the check-in reaches the report").atMost(Duration.ofSeconds(60))
                .until(() -> report(dealer.dealerId, managerToken, day), r -> r != null
                        && checkIn(r).sent() == checkInsSent && checkIn(r).heldOut() == heldOut);
        assertThat(later.getInt("funnel.leads")).isEqualTo(10);

        String repToken = dealer.repTokens.get(dealer.repIds.get(0));
        insights().auth().oauth2(repToken).get("/insights/dealers/" + dealer.dealerId).then().statusCode(403);
        Dealership other = Dealership.open(platform, "Other Motors", "America/Chicago", "TX", 1, 20);
        String otherManager = tokenOf(staff(other.dealerId, "Oli Other", "manager"));
        await().atMost(Duration.ofSeconds(30)).until(() -> insights().auth().oauth2(otherManager)
                .get("/insights/dealers/" + other.dealerId).statusCode() == 200);
        insights().auth().oauth2(otherManager).get("/insights/dealers/" + dealer.dealerId).then().statusCode(404);
    }

    private static List<Map<String, Object>> checkIn(String leadId, String kind) {
        return ofKind(entries(timeline(leadId), "done"), kind).stream()
                .filter(entry -> String.valueOf(entry.get("stepId")).endsWith(".check-in")).toList();
    }

    private record CheckIn(long sent, long heldOut) {
    }

    private static CheckIn checkIn(JsonPath report) {
        Map<String, Object> row = report.getMap("steps.find { it.step == 'new-lead.check-in' }");
        if (row == null) {
            return new CheckIn(0, 0);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> holdout = (Map<String, Object>) row.get("holdout");
        return new CheckIn(((Number) row.get("sent")).longValue(),
                holdout == null ? 0 : ((Number) holdout.get("leads")).longValue());
    }

    private JsonPath report(String dealerId, String token, LocalDate day) {
        Response response = insights().auth().oauth2(token).queryParam("from", day.toString())
                .queryParam("to", day.toString()).get("/insights/dealers/" + dealerId);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    private Map<String, Object> urgentTaskOf(Dealership dealer, String leadId) {
        return await("the urgent task of lead " + leadId).atMost(STEP_PATIENCE).until(() -> dealer.repIds.stream()
                .flatMap(rep -> dealer.tasksOf(rep).stream().map(task -> withRep(task, rep)))
                .filter(task -> leadId.equals(task.get("leadId")) && "replied-customer".equals(task.get("kind")))
                .findFirst().orElse(null), task -> task != null);
    }

    private static Map<String, Object> withRep(Map<String, Object> task, String repId) {
        Map<String, Object> copy = new java.util.HashMap<>(task);
        copy.put("repId", repId);
        return copy;
    }

    private void complete(Dealership dealer, Map<String, Object> task, Map<String, Object> completion) {
        dealer.completeTask((String) task.get("repId"), (String) task.get("id"), completion).then().statusCode(200);
    }

    private String staff(String dealerId, String name, String role) {
        return Dealership.admin(platform).body(Map.of("name", name, "role", role, "dailyCallCapacity", 20))
                .post("/admin/dealers/" + dealerId + "/reps").then().statusCode(201).extract().path("id");
    }

    /** The staff token task-service issues, once the rep has reached it over the directory topic. */
    private String tokenOf(String repId) {
        return await("rep " + repId + " reaches task-service").atMost(Duration.ofSeconds(60)).until(() -> {
            Response response = given().baseUri(platform.task().baseUrl()).auth().oauth2(platform.task().adminToken())
                    .contentType(ContentType.JSON).body(Map.of("repId", repId)).post("/auth/tokens");
            return response.statusCode() == 200 ? response.<String>path("token") : null;
        }, token -> token != null);
    }

    private io.restassured.specification.RequestSpecification insights() {
        return given().baseUri(platform.insights().baseUrl());
    }
}
