package dev.followup.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.followup.lead.AdfSamples;
import dev.followup.lead.domain.LeadSubmission;
import dev.followup.platform.api.ProblemException;

class AdfParserTest {
    private final AdfParser parser = new AdfParser();

    @Test
    void readsTwoVehiclesWithATradeIn() {
        List<LeadSubmission> leads = parser.parse(AdfSamples.twoVehiclesWithTradeIn("AT-1", "512-555-0123"));
        assertThat(leads).hasSize(1);
        LeadSubmission lead = leads.get(0);
        assertThat(lead.sourceLeadId()).isEqualTo("AT-1");
        assertThat(lead.source()).isEqualTo("Autotrader");
        assertThat(lead.firstName()).isEqualTo("Maria");
        assertThat(lead.lastName()).isEqualTo("Gonzalez");
        assertThat(lead.vehicles()).hasSize(2);
        assertThat(lead.vehicles().get(0).price()).isEqualTo("36450");
        assertThat(lead.vehicles().get(1).interest()).isEqualTo("trade-in");
        assertThat(lead.vehicles().get(1).condition()).isEqualTo("used");
        assertThat(lead.postalCode()).isEqualTo("78704");
        assertThat(lead.timeframe()).isEqualTo("Within a month");
        assertThat(lead.comments()).isEqualTo("Is the CR-V still available?");
        assertThat(lead.phones()).extracting(LeadSubmission.PhoneInput::type).containsExactly("voice");
    }

    @Test
    void readsEveryProspectOfADocument() {
        List<LeadSubmission> leads = parser.parse(AdfSamples.threeProspects("x"));
        assertThat(leads).extracting(LeadSubmission::sourceLeadId).containsExactly("x-1", "x-2", "x-3");
        assertThat(leads.get(0).fullName()).isEqualTo("Ann Lee");
        assertThat(leads.get(2).fullName()).isEqualTo("Carla Diaz");
        assertThat(leads.get(1).emails()).hasSize(1);
        assertThat(leads.get(1).fieldPrefix()).isEqualTo("prospect[1].");
    }

    @Test
    void repairsCommentsWithRawMarkupCharacters() {
        LeadSubmission lead = parser.parse(AdfSamples.messyForm("(512) 555-0400")).get(0);
        assertThat(lead.comments()).isEqualTo("Trade & cash <3 — need price < 30k");
        assertThat(lead.fullName()).contains("Dwayne");
        assertThat(lead.vehicles().get(0).year()).isEqualTo("twenty twenty");
    }

    @Test
    void refusesADoctype() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE adf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <adf><prospect><customer><contact><name>&xxe;</name></contact></customer></prospect></adf>
                """;
        assertThatThrownBy(() -> parser.parse(xxe)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("DOCTYPE").extracting(e -> ((ProblemException) e).status()).isEqualTo(400);
    }

    @Test
    void refusesEntityExpansionBombs() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <adf><prospect><comments>&lol2;</comments></prospect></adf>
                """;
        assertThatThrownBy(() -> parser.parse(bomb)).isInstanceOf(ProblemException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesMalformedXmlAndOtherRoots() {
        assertThatThrownBy(() -> parser.parse("<adf><prospect></adf>")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> parser.parse("<order><item/></order>")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("root element");
        assertThatThrownBy(() -> parser.parse("<adf></adf>")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("no <prospect>");
    }

    @Test
    void undeclaredEntityIsMalformed() {
        assertThatThrownBy(() -> parser.parse("<adf><prospect><id>&foo;</id></prospect></adf>"))
                .isInstanceOf(ProblemException.class).extracting(e -> ((ProblemException) e).status()).isEqualTo(400);
    }
}
