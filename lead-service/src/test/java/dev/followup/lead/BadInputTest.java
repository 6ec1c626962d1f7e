package dev.followup.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.followup.testing.RealInfrastructure;
import dev.followup.lead.LeadTestSupport.TestDealer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Every refusal of the intake endpoint: a 4xx, an RFC 7807 problem naming the field or the reason, and nothing of
 * the request stored (no lead, document, merge, visit, intake key or outbox event for the dealer).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {
    private static final String JSON = "application/json";
    private static final String XML = "application/xml";
    private static TestDealer dealer;

    @Inject
    AgroalDataSource dataSource;

    /** Expected: status, and the problem's field (when it names one) or a fragment of its detail. */
    record Case(String name, String contentType, String body, Map<String, String> headers, int status, String field,
            String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case json(String name, String body, int status, String field) {
        return new Case(name, JSON, body, Map.of(), status, field, null);
    }

    static Case xml(String name, String body, int status, String field, String detail) {
        return new Case(name, XML, body, Map.of(), status, field, detail);
    }

    static String lead(String customer, String extra) {
        return "{\"source\":\"website\",\"customer\":" + customer + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static final String OK_CUSTOMER = "{\"firstName\":\"Al\",\"phone\":\"512-555-0101\"}";

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                json("empty body", "", 400, "body"),
                json("not JSON", "{\"source\": \"website\",", 400, null),
                json("a JSON array", "[]", 400, null),
                json("JSON null", "null", 400, "body"),
                json("no source", "{\"customer\":" + OK_CUSTOMER + "}", 400, "source"),
                json("source too long", "{\"source\":\"" + "s".repeat(101) + "\",\"customer\":" + OK_CUSTOMER + "}", 400, "source"),
                json("no way to contact anyone", lead("{\"firstName\":\"Al\",\"lastName\":\"Bundy\"}", ""), 422, "customer"),
                json("phone that cannot be a phone", lead("{\"phone\":\"123\"}", ""), 400, "customer.phone"),
                json("phone made of words", lead("{\"phone\":\"call me maybe\"}", ""), 400, "customer.phone"),
                json("second phone impossible", lead("{\"phones\":[{\"number\":\"512-555-0101\"},{\"number\":\"+1 000\"}]}", ""), 400, "customer.phones[1].number"),
                json("phone type unknown", lead("{\"phone\":\"512-555-0101\",\"phoneType\":\"satellite\"}", ""), 400, "customer.phoneType"),
                json("email without @", lead("{\"email\":\"not-an-email\"}", ""), 400, "customer.email"),
                json("email without domain", lead("{\"email\":\"al@localhost\"}", ""), 400, "customer.email"),
                json("email of wrong type", lead("{\"email\":{\"a\":1}}", ""), 400, "customer.email"),
                json("year is text", lead(OK_CUSTOMER, "\"vehicles\":[{\"year\":\"abc\"}]"), 400, "vehicles[0].year"),
                json("year out of range", lead(OK_CUSTOMER, "\"vehicles\":[{\"year\":1800}]"), 400, "vehicles[0].year"),
                json("negative price", lead(OK_CUSTOMER, "\"vehicles\":[{\"price\":-1}]"), 400, "vehicles[0].price"),
                json("unknown interest", lead(OK_CUSTOMER, "\"vehicles\":[{\"interest\":\"steal\"}]"), 400, "vehicles[0].interest"),
                json("unknown condition", lead(OK_CUSTOMER, "\"vehicles\":[{\"condition\":\"broken\"}]"), 400, "vehicles[0].condition"),
                json("21 vehicles", lead(OK_CUSTOMER, "\"vehicles\":[" + String.join(",", java.util.Collections.nCopies(21, "{\"make\":\"Kia\"}")) + "]"), 400, "vehicles"),
                json("first name too long", lead("{\"firstName\":\"" + "a".repeat(101) + "\",\"phone\":\"512-555-0101\"}", ""), 400, "customer.firstName"),
                json("consent evidence without the answer", lead(OK_CUSTOMER, "\"consent\":{\"text\":\"I agree\"}"), 400, "consent.textConsent"),
                json("consent ip too long", lead(OK_CUSTOMER, "\"consent\":{\"textConsent\":true,\"ip\":\"" + "1".repeat(46) + "\"}"), 400, "consent.ip"),
                json("rep id not a UUID", lead(OK_CUSTOMER, "\"assignedRepId\":\"bob\""), 400, "assignedRepId"),
                json("rep id unknown", lead(OK_CUSTOMER, "\"assignedRepId\":\"" + java.util.UUID.randomUUID() + "\""), 400, "assignedRepId"),
                json("preferred contact unknown", lead("{\"phone\":\"512-555-0101\",\"preferredContact\":\"pigeon\"}", ""), 400, "customer.preferredContact"),
                json("timeframe too long", lead(OK_CUSTOMER, "\"timeframe\":\"" + "t".repeat(201) + "\""), 400, "timeframe"),
                json("comments too long", lead(OK_CUSTOMER, "\"comments\":\"" + "c".repeat(10_001) + "\""), 400, "comments"),
                new Case("Idempotency-Key too long", JSON, lead(OK_CUSTOMER, ""), Map.of("Idempotency-Key", "k".repeat(201)), 400, "Idempotency-Key", null),
                new Case("no API key", JSON, lead(OK_CUSTOMER, ""), Map.of("X-Api-Key", ""), 401, "X-Api-Key", null),
                new Case("unknown API key", JSON, lead(OK_CUSTOMER, ""), Map.of("X-Api-Key", "lk_abcdefgh_nope"), 401, "X-Api-Key", null),
                new Case("unsupported media type", "text/plain", "source=website", Map.of(), 415, null, null),
                xml("malformed XML", "<adf><prospect><customer></adf>", 400, "body", "not well-formed"),
                xml("DOCTYPE with an external entity", """
                        <?xml version="1.0"?><!DOCTYPE adf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <adf><prospect><customer><contact><name>&xxe;</name><phone>512-555-0101</phone></contact></customer></prospect></adf>""",
                        400, "body", "DOCTYPE"),
                xml("entity expansion bomb", """
                        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                        <adf><prospect><customer><comments>&b;&b;&b;</comments></customer></prospect></adf>""",
                        400, "body", "DOCTYPE"),
                xml("undeclared entity", "<adf><prospect><id>&nope;</id></prospect></adf>", 400, "body", "not well-formed"),
                xml("not an ADF root", "<order><prospect/></order>", 400, "body", "root element"),
                xml("no prospect", "<adf><provider><name>x</name></provider></adf>", 400, "adf.prospect", null),
                xml("prospect with no contact", "<adf><prospect><customer><contact><name part=\"full\">Al Bundy</name></contact></customer></prospect></adf>",
                        422, "prospect[0].customer", null),
                xml("second prospect with an impossible phone", """
                        <adf><prospect><customer><contact><phone>512-555-0101</phone></contact></customer></prospect>
                        <prospect><customer><contact><phone>55</phone></contact></customer></prospect></adf>""",
                        400, "prospect[1].customer.contact.phone[0]", null),
                xml("ADF email invalid", "<adf><prospect><customer><contact><email>bob at example</email></contact></customer></prospect></adf>",
                        400, "prospect[0].customer.contact.email[0]", null)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAProblemAndStoresNothing(Case c) {
        if (dealer == null) {
            dealer = LeadTestSupport.dealerWithReps(1);
        }
        RequestSpecification request = given().header("X-Api-Key", dealer.apiKey());
        for (Map.Entry<String, String> header : c.headers().entrySet()) {
            request = request.header(header.getKey(), header.getValue());
        }
        Response response = request.contentType(c.contentType()).body(c.body()).post("/leads");

        assertThat(response.statusCode()).as(c.name()).isEqualTo(c.status());
        assertThat(response.contentType()).as(c.name()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(c.status());
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
        if (c.field() != null) {
            assertThat(response.jsonPath().getString("field")).as(c.name() + ": " + response.asString()).isEqualTo(c.field());
        }
        if (c.detail() != null) {
            assertThat(response.jsonPath().getString("detail")).contains(c.detail());
        }
        assertThat(LeadTestSupport.storedFor(dataSource, dealer.id())).as("nothing stored").isZero();
    }
}
