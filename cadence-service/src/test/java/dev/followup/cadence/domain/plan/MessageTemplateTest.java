package dev.followup.cadence.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.followup.platform.sms.SmsSegments;

class MessageTemplateTest {
    private static final String TEMPLATE = "Hi {firstName}, this is {rep} at {dealer} about {vehicle}.";

    @Test
    void rendersValuesAndAddsOptOutWordingToTheFirstTextOnly() {
        MessageTemplate.Rendered first = MessageTemplate.render(TEMPLATE,
                new MessageTemplate.Values("James", "2024 Honda CR-V", "Maria", "Hill Country Honda"), true);
        assertThat(first.body()).isEqualTo(
                "Hi James, this is Maria at Hill Country Honda about 2024 Honda CR-V. Reply STOP to opt out.");
        MessageTemplate.Rendered later = MessageTemplate.render(TEMPLATE,
                new MessageTemplate.Values("James", "2024 Honda CR-V", "Maria", "Hill Country Honda"), false);
        assertThat(later.body()).doesNotContain("STOP");
    }

    @Test
    void missingValuesFallBackGracefully() {
        assertThat(MessageTemplate.render(TEMPLATE, new MessageTemplate.Values(null, " ", null, null), false).body())
                .isEqualTo("Hi there, this is our team at the dealership about the vehicle you asked about.");
    }

    @Test
    void controlCharactersAndPlaceholdersInValuesCannotReshapeTheText() {
        String body = MessageTemplate.render(TEMPLATE,
                new MessageTemplate.Values("Bob\n\nSTOP\u0000{dealer}\u202e", "Car\r\nX", "Rep", "Dealer"), false).body();
        assertThat(body).doesNotContain("\n", "\r", "\u0000", "\u202e", "{");
        assertThat(body).startsWith("Hi Bob STOP dealer, this is Rep at Dealer about Car X.");
    }

    @Test
    void countsSmsSegmentsForGsm7AndUcs2() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1); // extension chars count twice: 160 septets
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
        assertThat(SmsSegments.encoding("Olá, tudo bem? 🚗")).isEqualTo(SmsSegments.Encoding.UCS2);
        assertThat(SmsSegments.count("ü".repeat(70))).isEqualTo(1); // ü is GSM-7
        assertThat(SmsSegments.count("✓".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("✓".repeat(71))).isEqualTo(2);
        assertThat(SmsSegments.count("✓".repeat(134))).isEqualTo(2);
        assertThat(SmsSegments.count("✓".repeat(135))).isEqualTo(3);
    }

    @Test
    void emailsEscapeValuesInHtmlAndKeepParagraphsOfThePlainText() {
        MessageTemplate.Values values = new MessageTemplate.Values("<b>Jo</b>", "2024 Honda CR-V", "Maria", "Tom & Sons");
        MessageTemplate.RenderedEmail fromText = MessageTemplate.renderEmail("{dealer}: about {vehicle}",
                "Hi {firstName},\n\nsee you soon.\n{rep}", null, values);
        assertThat(fromText.subject()).isEqualTo("Tom & Sons: about 2024 Honda CR-V");
        assertThat(fromText.text()).isEqualTo("Hi <b>Jo</b>,\n\nsee you soon.\nMaria");
        assertThat(fromText.html()).isEqualTo("<p>Hi &lt;b&gt;Jo&lt;/b&gt;,</p><p>see you soon.<br>Maria</p>");
        MessageTemplate.RenderedEmail ownHtml = MessageTemplate.renderEmail("Hi", "Hi {firstName}",
                "<h1>Hello {firstName}</h1><p>{dealer}</p>", values);
        assertThat(ownHtml.html()).isEqualTo("<h1>Hello &lt;b&gt;Jo&lt;/b&gt;</h1><p>Tom &amp; Sons</p>");
    }
}
