package dev.followup.messaging.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** followup.messaging.*: guards and reconciliation. */
@ConfigMapping(prefix = "followup.messaging")
public interface MessagingSettings {
    /** Texts one dealer may hand to Twilio in any rolling minute. */
    @WithDefault("120")
    int dealerRatePerMinute();

    /** Texts one dealer may hand to Twilio in any rolling 24 hours. */
    @WithDefault("5000")
    int dealerDailyQuota();

    /** A text still dispatching this long after its attempt was recorded belongs to a crashed process: unconfirmed. */
    @WithDefault("PT3M")
    Duration unconfirmedAfter();

    @WithDefault("PT30S")
    Duration reconcileEvery();
}
