package dev.followup.task.api;

import static dev.followup.task.TaskFixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TopicReader;
import dev.followup.testing.browser.BrowserTest;
import dev.followup.platform.time.MovableClock;
import dev.followup.task.TaskFixtures;
import dev.followup.task.TaskFixtures.Team;
import dev.followup.task.TaskFixtures.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A rep signs in to the inbox page in a real headless Chromium, works the ranked list, and cadence hears of it. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class InboxBrowserTest extends BrowserTest {
    @Inject
    MovableClock clock;
    @Inject
    ObjectMapper mapper;
    @Test
    void aRepSignsInSeesTheRankedListAndCompletesATask() throws Exception {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID lead = UUID.randomUUID();
        UUID overdue = UUID.randomUUID();
        UUID high = UUID.randomUUID();
        UUID low = UUID.randomUUID();
        UUID tomorrow = UUID.randomUUID();
        create(overdue, lead, team, now.minus(Duration.ofHours(1)), 30, "No answer yesterday; try again");
        create(high, lead, team, now.plus(Duration.ofHours(1)), 90, "Asked for a trade-in value");
        create(low, lead, team, now.plus(Duration.ofHours(2)), 20, "Second call of the plan");
        create(tomorrow, lead, team, now.plus(Duration.ofDays(1)), 99, "Tomorrow's call");
        await().atMost(PATIENCE).until(() -> TaskFlowTest.listIds(tokens.repA(), team.repA()).size() == 3);

        String signInUrl = TaskFixtures.issue(team.repA()).then().statusCode(200).extract().path("signInUrl");
        openBrowser();
        browser.get(absolute(signInUrl));

        assertThat(browser.getCurrentUrl()).contains("/inbox");
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("signed in");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Rep A");
        assertThat(browser.findElement(By.cssSelector("meta[name=viewport]")).getAttribute("content"))
                .contains("width=device-width");
        Cookie session = browser.manage().getCookieNamed(InboxPage.COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        assertThat(cardIds()).containsExactly(overdue, high, low);
        WebElement highCard = card(high);
        assertThat(highCard.getText()).contains("Customer Asked for a trade-in value", "2024 Honda CR-V",
                "Why: Asked for a trade-in value");
        assertThat(highCard.findElement(By.cssSelector("a.call")).getAttribute("href")).isEqualTo("tel:+15125550123");
        assertThat(card(overdue).getText()).contains("Overdue");
        screenshot("inbox-signed-in.png");

        // Appointment set without its time is refused on the page, and nothing changes.
        submit(card(overdue).findElement(By.cssSelector("button[value=appointment-set]")));
        assertThat(browser.findElement(By.id("error")).getText()).contains("appointment-set");
        assertThat(cardIds()).containsExactly(overdue, high, low);

        card(high).findElement(By.cssSelector("textarea[name=note]")).sendKeys("Wants numbers on his Accord");
        submit(card(high).findElement(By.cssSelector("button[value=reached]")));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Done");
        assertThat(cardIds()).containsExactly(overdue, low);
        screenshot("inbox-after-complete.png");

        await().atMost(PATIENCE).until(() -> completed(high).size() == 1);
        ConsumerRecord<String, String> event = completed(high).get(0);
        assertThat(event.key()).isEqualTo(lead.toString());
        assertThat(TopicReader.header(event, "ce_type")).isEqualTo("task.completed.v1");
        JsonNode payload = mapper.readTree(event.value());
        assertThat(payload.path("outcome").asText()).isEqualTo("reached");
        assertThat(payload.path("repId").asText()).isEqualTo(team.repA().toString());
        assertThat(payload.path("note").asText()).isEqualTo("Wants numbers on his Accord");

        // The sign-in link worked once.
        browser.get(absolute(signInUrl));
        assertThat(browser.findElement(By.id("message")).getText()).contains("not valid any more");
    }

    @Test
    void aReplyTaskSaysWhatTheCustomerAskedPrefillsTheirTimeAndClosesALostLeadInOneTap() throws Exception {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID visit = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        Instant saturdayAtTen = now.atZone(team.zone()).toLocalDate().plusDays(3).atTime(10, 0).atZone(team.zone())
                .toInstant();
        java.util.Map<String, Object> visitCommand = TaskFixtures.createTask(visit, UUID.randomUUID(), team.dealerId(),
                team.repA(), "replied-customer", now.plus(Duration.ofMinutes(5)), 100, "Wants to come in", now);
        visitCommand.put("score", java.util.Map.of("value", 0.79, "factors", java.util.Map.of("recency", 0.42, "engagement",
                0.21, "source", 0.16), "explanation", List.of("came in 1 hour ago: +0.42", "replied once: +0.21",
                "source website: +0.16")));
        visitCommand.put("reply", java.util.Map.of("intent", "appointment", "proposedAt", saturdayAtTen.toString(),
                "dayOnly", false, "timeZone", team.zone().getId(),
                "question", java.util.Map.of("kinds", List.of("availability"), "text", "Is it still there?")));
        TaskFixtures.sendCreateTaskV2(visitCommand);
        UUID lostLead = UUID.randomUUID();
        java.util.Map<String, Object> lostCommand = TaskFixtures.createTask(lost, lostLead, team.dealerId(), team.repA(),
                "replied-customer", now.plus(Duration.ofMinutes(5)), 100, "Not looking any more", now);
        lostCommand.put("reply", java.util.Map.of("intent", "not-looking", "timeZone", team.zone().getId(),
                "lostReason", "bought-elsewhere"));
        TaskFixtures.sendCreateTaskV2(lostCommand);
        await().atMost(PATIENCE).until(() -> TaskFlowTest.listIds(tokens.repA(), team.repA()).size() == 2);

        openBrowser();
        browser.get(absolute(TaskFixtures.issue(team.repA()).then().statusCode(200).extract().path("signInUrl")));

        WebElement visitCard = card(visit);
        assertThat(visitCard.findElement(By.cssSelector("[data-title]")).getText()).isEqualTo("Confirm appointment");
        assertThat(visitCard.getText()).contains("Due now").doesNotContain("Overdue");
        assertThat(visitCard.findElement(By.cssSelector("[data-question]")).getText())
                .isEqualTo("Asks about availability: Is it still there?");
        assertThat(visitCard.findElement(By.cssSelector("input[name=appointmentAt]")).getAttribute("value"))
                .isEqualTo(saturdayAtTen.atZone(team.zone()).toLocalDateTime().toString());
        assertThat(visitCard.findElement(By.cssSelector("a.call")).getText()).isEqualTo("Call (512) 555-0123");
        assertThat(visitCard.findElement(By.cssSelector("[data-score]")).getText()).isEqualTo(
                "Why this rank: came in 1 hour ago: +0.42 · replied once: +0.21 · source website: +0.16");
        assertThat(visitCard.findElement(By.cssSelector("a.call")).getAttribute("href")).isEqualTo("tel:+15125550123");
        assertThat(card(lost).findElement(By.cssSelector("[data-title]")).getText()).isEqualTo("Close as lost?");
        screenshot("inbox-reply-tasks.png");

        submit(card(lost).findElement(By.cssSelector("button.lost")));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Done");
        assertThat(cardIds()).containsExactly(visit);
        await().atMost(PATIENCE).until(() -> completed(lost).size() == 1);
        JsonNode payload = mapper.readTree(completed(lost).get(0).value());
        assertThat(payload.path("outcome").asText()).isEqualTo("lost");
        assertThat(payload.path("note").asText()).isEqualTo("Customer bought elsewhere (from the customer's reply)");

        // The proposed time is there already: one tap sets the appointment at it.
        submit(card(visit).findElement(By.cssSelector("button[value=appointment-set]")));
        await().atMost(PATIENCE).until(() -> completed(visit).size() == 1);
        assertThat(Instant.parse(mapper.readTree(completed(visit).get(0).value()).path("appointmentAt").asText()))
                .isEqualTo(saturdayAtTen);
    }

    private List<UUID> cardIds() {
        return browser.findElements(By.cssSelector("li.task")).stream()
                .map(e -> UUID.fromString(e.getAttribute("data-task-id"))).toList();
    }

    private WebElement card(UUID taskId) {
        return browser.findElement(By.id("task-" + taskId));
    }

    private static List<ConsumerRecord<String, String>> completed(UUID taskId) {
        return TopicReader.readAll(TaskFixtures.bootstrap(), "task-events").stream()
                .filter(r -> r.value().contains(taskId.toString())).toList();
    }

    private static void create(UUID taskId, UUID lead, Team team, Instant due, int priority, String reason) {
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(taskId, lead, team.dealerId(), team.repA(), "call", due,
                priority, reason, Instant.now()));
    }
}
