package dev.followup.cadence.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.Purpose;
import dev.followup.cadence.domain.contact.TouchRules.Action;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.plan.Channel;

class TouchRulesTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ContactPolicy POLICY = new ContactPolicy(new Spacing.Limits(Duration.ofHours(4), 2),
            new Spacing.Limits(Duration.ofHours(12), 1), Duration.ofMinutes(15));
    private static final Instant NOON = LocalDateTime.parse("2026-03-10T12:00").atZone(CHICAGO).toInstant();

    /** A recipients ledger in memory. */
    private static final class Ledger implements Recipients {
        final Set<String> suppressed = new HashSet<>();
        final List<Spacing.Touch> texts = new ArrayList<>();
        final List<Spacing.Touch> emails = new ArrayList<>();

        @Override
        public boolean suppressed(Channel channel, String address) {
            return suppressed.contains(channel.wire() + ":" + address);
        }

        @Override
        public List<Spacing.Touch> recentTouches(Channel channel, String address) {
            return channel == Channel.TEXT ? texts : emails;
        }
    }

    private final Ledger ledger = new Ledger();
    private final Dealer dealer = dealer("all-channels");
    private final LeadCadence lead = lead("+13125550101", "ana@example.com");

    private static Dealer dealer(String scope) {
        Dealer d = new Dealer();
        d.dealerId = UUID.randomUUID();
        d.name = "Hill Country Honda";
        d.timeZone = "America/Chicago";
        d.active = true;
        d.optOutScope = scope;
        return d;
    }

    private static LeadCadence lead(String phone, String email) {
        LeadCadence l = new LeadCadence();
        l.leadId = UUID.randomUUID();
        l.phone = phone;
        l.email = email;
        l.textConsent = true;
        return l;
    }

    private TouchRules.Context at(Instant now) {
        return new TouchRules.Context(lead, dealer, POLICY, ledger, now);
    }

    @Test
    void aTextInsideTheWindowWithNoRecentTouchGoesAtOnceWithItsWindowEnd() {
        TouchRules.Decision d = TouchRules.text(at(NOON), Purpose.CADENCE, false, null);
        assertThat(d.action()).isEqualTo(Action.SEND);
        assertThat(d.sendBefore()).isEqualTo(LocalDateTime.parse("2026-03-10T21:00").atZone(CHICAGO).toInstant());
    }

    @Test
    void aTextThatWouldCrowdTheCustomerIsEmailedInsteadWhenAnEmailMayGo() {
        ledger.texts.add(new Spacing.Touch(NOON.minus(Duration.ofHours(1)), true));
        TouchRules.Decision d = TouchRules.text(at(NOON), Purpose.CADENCE, false, null);
        assertThat(d.action()).isEqualTo(Action.EMAIL_INSTEAD);
        assertThat(d.reason()).contains("would crowd the customer").contains("at least 4 h");
    }

    @Test
    void withoutAnEmailItWaitsForTheGapOrIsDroppedWhenTheNextStepComesFirst() {
        lead.email = null;
        ledger.texts.add(new Spacing.Touch(NOON.minus(Duration.ofHours(1)), true));
        TouchRules.Decision waits = TouchRules.text(at(NOON), Purpose.CADENCE, false, NOON.plus(Duration.ofDays(1)));
        assertThat(waits.action()).isEqualTo(Action.DEFER);
        assertThat(waits.at()).isEqualTo(NOON.plus(Duration.ofHours(3)));
        assertThat(waits.reason()).startsWith("deferred to ").contains("customer spacing");
        TouchRules.Decision superseded = TouchRules.text(at(NOON), Purpose.CADENCE, false, NOON.plus(Duration.ofHours(2)));
        assertThat(superseded.action()).isEqualTo(Action.DROP);
        assertThat(superseded.reason()).contains("supersedes it");
    }

    @Test
    void theFirstTouchOfANewLeadIsExemptFromSpacingButAWindowDeferralIsNeverDropped() {
        lead.email = null;
        ledger.texts.add(new Spacing.Touch(NOON.minus(Duration.ofMinutes(5)), true));
        assertThat(TouchRules.text(at(NOON), Purpose.FIRST_TOUCH, true, NOON.plus(Duration.ofHours(1))).action())
                .isEqualTo(Action.SEND);
        Instant night = LocalDateTime.parse("2026-03-10T23:00").atZone(CHICAGO).toInstant();
        TouchRules.Decision windowed = TouchRules.text(at(night), Purpose.FIRST_TOUCH, true, night.plus(Duration.ofHours(1)));
        assertThat(windowed.action()).as("only spacing drops a touch; the window defers it").isEqualTo(Action.DEFER);
    }

    @Test
    void anOptOutOfTextsStopsEmailsTooUnlessTheDealerChosePerChannelOptOuts() {
        ledger.suppressed.add("text:+13125550101");
        TouchRules.Decision text = TouchRules.text(at(NOON), Purpose.CADENCE, false, null);
        assertThat(text.action()).isEqualTo(Action.SKIP);
        assertThat(text.reason()).isEqualTo("the number opted out; no email instead: the customer opted out of texts, and this dealer's opt-outs cover every channel");
        assertThat(TouchRules.whyNoEmail(at(NOON))).hasValueSatisfying(r -> assertThat(r).contains("every channel"));

        TouchRules.Context perChannel = new TouchRules.Context(lead, dealer("channel"), POLICY, ledger, NOON);
        assertThat(TouchRules.whyNoEmail(perChannel)).isEmpty();
        TouchRules.Decision emailed = TouchRules.text(perChannel, Purpose.CADENCE, false, null);
        assertThat(emailed.action()).isEqualTo(Action.EMAIL_INSTEAD);
        assertThat(emailed.reason()).isEqualTo("the number opted out: emailed instead");
    }

    @Test
    void anEmailUnsubscribeStopsTextsUnderTheDefaultScope() {
        ledger.suppressed.add("email:ana@example.com");
        assertThat(TouchRules.whyNoText(at(NOON))).hasValueSatisfying(r -> assertThat(r).contains("unsubscribed from emails"));
        assertThat(TouchRules.email(at(NOON), false, null).action()).isEqualTo(Action.SKIP);
    }

    @Test
    void noPhoneMeansNoTextButAnEmailWhenThereIsOneAndKillSwitchStopsBoth() {
        lead.phone = null;
        assertThat(TouchRules.text(at(NOON), Purpose.CADENCE, false, null).action()).isEqualTo(Action.EMAIL_INSTEAD);
        dealer.killSwitch = true;
        assertThat(TouchRules.text(at(NOON), Purpose.CADENCE, false, null).reason()).isEqualTo("no phone number to text; no email instead: the dealer's kill switch is on");
        assertThat(TouchRules.email(at(NOON), false, null).reason()).isEqualTo("the dealer's kill switch is on");
    }

    @Test
    void aSecondEmailTheSameDayWaitsAndNeverEmailsInsteadOfItself() {
        ledger.emails.add(new Spacing.Touch(NOON.minus(Duration.ofHours(2)), true));
        TouchRules.Decision d = TouchRules.email(at(NOON), false, NOON.plus(Duration.ofDays(2)));
        assertThat(d.action()).isEqualTo(Action.DEFER);
        assertThat(d.at()).isEqualTo(LocalDateTime.parse("2026-03-11T00:00").atZone(CHICAGO).toInstant());
    }
}
