package dev.followup.e2e;

import static dev.followup.e2e.Journeys.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.followup.testing.processes.Platform;

/** Email as the second channel, through the real SMTP server: first email, one-click unsubscribe, STOP, bounces. */
@Order(3)
class EmailJourneysTest {

    private static Map<String, Object> emailLead(String firstName, String email, String phone) {
        Map<String, Object> customer = new java.util.HashMap<>(Map.of("firstName", firstName, "lastName", "Tester", "email", email));
        if (phone != null) {
            customer.put("phone", phone);
        }
        return Map.of("source", "website", "sourceLeadId", "web-" + UUID.randomUUID(), "customer", customer,
                "vehicles", List.of(Map.of("year", 2024, "make", "Honda", "model", "CR-V", "interest", "buy")),
                "consent", Map.of("textConsent", true));
    }

    private static String freshEmail() {
        return "buyer." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static List<MimeMessage> inbox(String address) {
        return SharedPlatform.servers().mail().received().stream().filter(m -> {
            try {
                return address.equals(m.getAllRecipients()[0].toString());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static List<MimeMessage> awaitInbox(String address, int count) {
        return await(count + " email(s) to " + address).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox(address), mails -> mails.size() >= count);
    }

    @Test
    void aLeadWithOnlyAnEmailGetsItsFirstEmailWithinAMinuteAndOneClickUnsubscribeStopsTheNext() throws Exception {
        Dealership dealer = Dealership.open(platform(), "Mailbox Mazda", "America/Chicago", "TX", 1, 5,
                Map.of("mailingAddress", "100 Congress Ave, Austin, TX 78701"));
        Instant start = moveClocksTo(nextLocal(LocalTime.of(22, 0)));
        String email = freshEmail();
        String leadId = created(dealer.postLead(emailLead("Nora", email, null)));
        MimeMessage first = awaitInbox(email, 1).get(0);
        assertThat(first.getSubject()).isEqualTo("Mailbox Mazda: your enquiry about 2024 Honda CR-V");
        assertThat(new String(first.getInputStream().readAllBytes())).contains("100 Congress Ave");
        assertThat(timeline(leadId).get("planKind")).isEqualTo("email-first");

        String header = first.getHeader("List-Unsubscribe")[0];
        String unsubscribe = header.substring(1, header.length() - 1);
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(unsubscribe)
                .then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !done(leadId, "emails-stopped").isEmpty());

        runPlan(leadId, start.plus(Duration.ofDays(1)).plusSeconds(60));
        awaitQuiet();
        assertThat(inbox(email)).as("the next email of the plan").hasSize(1);
        assertThat(done(leadId, "email-skipped")).anySatisfy(s -> assertThat((String) s.get("reason"))
                .isEqualTo("the address unsubscribed or bounced"));
    }

    @Test
    void aTextStopStopsTheEmailsUnlessTheDealerChosePerChannelOptOuts() throws Exception {
        Dealership everyChannel = Dealership.open(platform(), "One Stop Hyundai", "America/Chicago", "TX", 1, 0);
        Dealership perChannel = Dealership.open(platform(), "Two Lanes Hyundai", "America/Chicago", "TX", 1, 0,
                Map.of("optOutScope", "channel"));
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String stoppedEverywhere = freshEmail();
        String stoppedTexts = freshEmail();
        String phoneA = newPhone();
        String phoneB = newPhone();
        String leadA = created(everyChannel.postLead(emailLead("Ana", stoppedEverywhere, phoneA)));
        String leadB = created(perChannel.postLead(emailLead("Bea", stoppedTexts, phoneB)));
        awaitTexts(phoneA, 1, FIRST_TEXT_PATIENCE);
        awaitTexts(phoneB, 1, FIRST_TEXT_PATIENCE);
        reply(everyChannel, phoneA, "STOP").then().statusCode(200);
        reply(perChannel, phoneB, "STOP").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !done(leadA, "texts-stopped").isEmpty() && !done(leadB, "texts-stopped").isEmpty());

        // Each plan's next touches come due: the per-channel dealer emails instead, the other sends nothing.
        runPlan(leadA, start.plus(Duration.ofDays(1)).plusSeconds(60));
        awaitInbox(stoppedTexts, 1);
        awaitQuiet();
        assertThat(inbox(stoppedEverywhere)).isEmpty();
        assertThat(done(leadA, "call-skipped")).anySatisfy(s -> assertThat((String) s.get("reason"))
                .contains("the number opted out; no email instead").contains("cover every channel"));
        assertThat(twilio().requestsTo(phoneA)).hasSize(1);
        assertThat(twilio().requestsTo(phoneB)).hasSize(1);
    }

    @Test
    void aBounceReportedByTheProviderSuppressesTheAddress() throws Exception {
        Dealership dealer = Dealership.open(platform(), "Return Mail Kia", "America/Chicago", "TX", 1, 5);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String email = freshEmail();
        String leadId = created(dealer.postLead(emailLead("Bo", email, null)));
        MimeMessage first = awaitInbox(email, 1).get(0);

        given().baseUri(platform().messaging().baseUrl()).auth().oauth2(Journeys.BOUNCE_TOKEN).contentType("application/json")
                .body(Map.of("emailId", first.getHeader("Message-ID")[0], "type", "hard", "detail", "550 5.1.1 no such user"))
                .post("/email/bounces").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !done(leadId, "emails-stopped").isEmpty());
        runPlan(leadId, start.plus(Duration.ofDays(1)).plusSeconds(60));
        awaitQuiet();
        assertThat(inbox(email)).hasSize(1);
        assertThat(done(leadId, "email-skipped")).anySatisfy(s -> assertThat((String) s.get("reason"))
                .isEqualTo("the address unsubscribed or bounced"));
        assertThat(given().baseUri(platform().messaging().baseUrl()).auth().oauth2(platform().messaging().adminToken())
                .get("/messages?leadId=" + leadId).then().statusCode(200).extract().<List<String>>path("channel"))
                .containsOnly("email");
    }
}
