package dev.followup.messaging.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** followup.messaging.*: pacing, guards and reconciliation. */
@ConfigMapping(prefix = "followup.messaging")
public interface MessagingSettings {
    /**
     * Texts one dealer may hand to Twilio in any rolling minute, unless the dealer has its own rate
     * (directory.dealer.v1 sendRatePerMinute). More wait in the dealer's queue.
     */
    @WithDefault("120")
    int dealerRatePerMinute();

    /** Texts one dealer may hand to Twilio in any rolling 24 hours (against SMS pumping); past it a text is refused. */
    @WithDefault("5000")
    int dealerDailyQuota();

    /** Threads that hand texts to Twilio, one dealer's queue at a time each. */
    @WithDefault("4")
    int dispatchThreads();

    /** How often every dealer's queue is looked at again (texts the rate held back). */
    @WithDefault("PT0.5S")
    Duration pacerTick();

    /** A text still dispatching this long after it was claimed belongs to a process that died: looked up at Twilio. */
    @WithDefault("PT3M")
    Duration unconfirmedAfter();

    /** A text whose answer timed out is looked up at Twilio this long after (Twilio may still be taking it). */
    @WithDefault("PT30S")
    Duration lookupAfter();

    /** Lookups that keep failing stop after this long: the text is reported unconfirmed. */
    @WithDefault("PT24H")
    Duration giveUpLookupsAfter();

    @WithDefault("PT30S")
    Duration reconcileEvery();
}
