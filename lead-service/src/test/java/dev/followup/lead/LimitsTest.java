package dev.followup.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.followup.testing.RealInfrastructure;
import dev.followup.lead.LeadTestSupport.TestDealer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class LimitsTest {
    @Inject
    AgroalDataSource dataSource;

    /**
     * A key at 1 a second with a burst of 3: the burst goes through, and a 429 follows as soon as requests come faster
     * than one a second (50 back-to-back requests take far less than the 47 s that would refill them all). The
     * bucket's arithmetic is TokenBucketTest's, on a clock the test holds.
     */
    @Test
    void keyOverItsRateGets429WithRetryAfter() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(0, 1, 3);
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 50 && limited == null; i++) {
            Response response = given().header("X-Api-Key", dealer.apiKey()).get("/leads");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(statuses.subList(0, 3)).as("the burst").containsOnly(200);
        assertThat(limited).as("a 429 once the burst is used").isNotNull();
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.jsonPath().getInt("status")).isEqualTo(429);
        // Another key of another dealer is not affected.
        TestDealer other = LeadTestSupport.dealerWithReps(0);
        given().header("X-Api-Key", other.apiKey()).get("/leads").then().statusCode(200);
    }

    /**
     * Sends only the head of a 10 MB request (Content-Length and Expect: 100-continue) over a raw socket: the answer
     * must come before any of the body is sent.
     */
    private static String[] sendHead(String apiKey, long contentLength) {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(15_000);
            String head = "POST /leads HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + apiKey
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + contentLength
                    + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            return new String[] {response.substring(0, split), response.substring(split + 4)};
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tenMegabyteBodyIs413WithAProblemAndStoresNothing() {
        TestDealer dealer = LeadTestSupport.dealerWithReps(0);
        String[] response = sendHead(dealer.apiKey(), 10L * 1024 * 1024);
        assertThat(response[0]).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json");
        assertThat(LeadTestSupport.json(response[1]).path("status").asInt()).isEqualTo(413);
        assertThat(LeadTestSupport.json(response[1]).path("detail").asText()).contains("limit");
        assertThat(LeadTestSupport.storedFor(dataSource, dealer.id())).isZero();
    }
}
