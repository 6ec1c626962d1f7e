package dev.followup.cadence.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** followup.cadence.policy.*: the default contact policy (a dealer may set its own: PUT /dealers/{id}/contact-policy); defaults in application.properties. */
@ConfigMapping(prefix = "followup.cadence.policy")
public interface CadenceSettings {
    ChannelSpacing text();

    ChannelSpacing email();

    /** Duplicate leads arriving within this window of the last buying-signal reaction coalesce into it. */
    @WithDefault("PT15M")
    Duration mergeWindow();

    /** Attempts of one refused touch (sending window closed, carrier rate limit) before it is given up. */
    @WithDefault("3")
    int maxRetries();

    interface ChannelSpacing {
        /** Minimum time between two automated touches of this channel to one customer of one dealer. */
        Duration minimumGap();

        /** Most automated touches of this channel per recipient-local day. */
        int dailyLimit();
    }
}
