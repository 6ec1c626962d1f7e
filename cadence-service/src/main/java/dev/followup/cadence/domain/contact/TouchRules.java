package dev.followup.cadence.domain.contact;

import java.time.Instant;
import java.util.Optional;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.Purpose;
import dev.followup.cadence.domain.directory.Dealer;
import dev.followup.cadence.domain.plan.Channel;

/**
 * What a due text or email does now: go, go as an email instead, wait, be dropped because a later step supersedes
 * it, or be skipped because the customer cannot (or must not) be reached that way. One set of rules for every
 * producer of touches (plan steps, re-engagements, overflow of a full call list, retries) and for the projected
 * timeline and preview, which call the same methods with a simulated {@link Recipients}.
 */
public final class TouchRules {
    public enum Action { SEND, EMAIL_INSTEAD, SKIP, DROP, DEFER }

    /** @param sendBefore for a text that goes: the end of the recipient's sending window */
    public record Decision(Action action, Instant at, Instant sendBefore, String reason) {
    }

    /** Everything the rules read about the customer and the dealer at {@code now}. */
    public record Context(LeadCadence lead, Dealer dealer, ContactPolicy policy, Recipients recipients, Instant now) {
        public RecipientZone.Resolved zone() {
            return zoneOf(lead, dealer);
        }

        public SendingWindow window() {
            RecipientZone.Resolved zone = zone();
            return new SendingWindow(zone.zone(), zone.florida());
        }

        OptOutScope scope() {
            return dealer == null ? OptOutScope.ALL_CHANNELS : dealer.optOutScope();
        }
    }

    private TouchRules() {
    }

    /** The customer's zone (phone, else postal code, else the dealer's) and whether Florida's rules apply. */
    public static RecipientZone.Resolved zoneOf(LeadCadence lead, Dealer dealer) {
        return RecipientZone.resolve(lead.phone, lead.postalCode, Dealer.zoneOf(dealer), dealer == null ? null : dealer.state);
    }

    /**
     * @param exempt the first touch of a new lead (spacing does not hold it back)
     * @param followingAt when the plan wants its next touch; a text that could only go later is superseded
     */
    public static Decision text(Context c, Purpose purpose, boolean exempt, Instant followingAt) {
        Optional<String> noText = whyNoText(c);
        if (noText.isPresent()) {
            if (emailCanGoNow(c)) {
                return new Decision(Action.EMAIL_INSTEAD, c.now(), null, noText.get() + ": emailed instead");
            }
            String noEmail = c.lead().email == null ? "" : "; no email instead: " + whyNoEmail(c).orElse("too soon after the last one");
            return new Decision(Action.SKIP, c.now(), null, noText.get() + noEmail);
        }
        Spacing.Slot slot = Spacing.earliest(c.now(), c.recipients().recentTouches(Channel.TEXT, c.lead().phone),
                c.policy().text(), exempt, c.zone().zone(), c.window(), purpose.isSales(), "text");
        if (slot.isAt(c.now())) {
            return new Decision(Action.SEND, c.now(), slot.sendBefore(), null);
        }
        if (slot.spacedBy() != null && !exempt) {
            if (emailCanGoNow(c)) {
                return new Decision(Action.EMAIL_INSTEAD, c.now(), null,
                        "a text now would crowd the customer (" + slot.spacedBy() + "): emailed instead");
            }
            if (followingAt != null && !slot.at().isBefore(followingAt)) {
                return new Decision(Action.DROP, slot.at(), null, "dropped: " + slot.spacedBy()
                        + "; the earliest allowed time " + Spacing.LOCAL.format(slot.at().atZone(c.zone().zone()))
                        + " is not before the plan's next step, which supersedes it");
            }
        }
        return new Decision(Action.DEFER, slot.at(), slot.sendBefore(), "deferred to "
                + Spacing.LOCAL.format(slot.at().atZone(c.zone().zone())) + ": " + slot.reasons());
    }

    public static Decision email(Context c, boolean exempt, Instant followingAt) {
        Optional<String> noEmail = whyNoEmail(c);
        if (noEmail.isPresent()) {
            return new Decision(Action.SKIP, c.now(), null, noEmail.get());
        }
        Spacing.Slot slot = emailSlot(c, exempt);
        if (slot.isAt(c.now())) {
            return new Decision(Action.SEND, c.now(), null, null);
        }
        if (!exempt && followingAt != null && !slot.at().isBefore(followingAt)) {
            return new Decision(Action.DROP, slot.at(), null, "dropped: " + slot.spacedBy()
                    + "; the plan's next step comes first and supersedes it");
        }
        return new Decision(Action.DEFER, slot.at(), null, "deferred to "
                + Spacing.LOCAL.format(slot.at().atZone(c.zone().zone())) + ": " + slot.reasons());
    }

    /** Whether an email may go right now, e.g. in place of a text that cannot. */
    public static boolean emailCanGoNow(Context c) {
        return whyNoEmail(c).isEmpty() && emailSlot(c, false).isAt(c.now());
    }

    private static Spacing.Slot emailSlot(Context c, boolean exempt) {
        return Spacing.earliest(c.now(), c.recipients().recentTouches(Channel.EMAIL, c.lead().email), c.policy().email(),
                exempt, c.zone().zone(), null, false, "email");
    }

    public static Optional<String> whyNoText(Context c) {
        LeadCadence lead = c.lead();
        if (lead.phone == null) {
            return Optional.of("no phone number to text");
        }
        if (!lead.phoneTextable) {
            return Optional.of("the carrier reported the number cannot receive texts");
        }
        if (!lead.textConsent) {
            return Optional.of("no text consent on the lead");
        }
        return dealerBlocks(c.dealer()).or(() -> {
            if (c.recipients().suppressed(Channel.TEXT, lead.phone)) {
                return Optional.of("the number opted out");
            }
            if (c.scope() == OptOutScope.ALL_CHANNELS && lead.email != null
                    && c.recipients().suppressed(Channel.EMAIL, lead.email)) {
                return Optional.of("the customer unsubscribed from emails, and this dealer's opt-outs cover every channel");
            }
            return Optional.empty();
        });
    }

    public static Optional<String> whyNoEmail(Context c) {
        LeadCadence lead = c.lead();
        if (lead.email == null) {
            return Optional.of("no email address");
        }
        return dealerBlocks(c.dealer()).or(() -> {
            if (c.recipients().suppressed(Channel.EMAIL, lead.email)) {
                return Optional.of("the address unsubscribed or bounced");
            }
            if (c.scope() == OptOutScope.ALL_CHANNELS && lead.phone != null
                    && c.recipients().suppressed(Channel.TEXT, lead.phone)) {
                return Optional.of("the customer opted out of texts, and this dealer's opt-outs cover every channel");
            }
            return Optional.empty();
        });
    }

    private static Optional<String> dealerBlocks(Dealer dealer) {
        if (dealer != null && dealer.killSwitch) {
            return Optional.of("the dealer's kill switch is on");
        }
        if (dealer != null && !dealer.active) {
            return Optional.of("the dealer is inactive");
        }
        return Optional.empty();
    }
}
