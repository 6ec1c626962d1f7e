package dev.followup.messaging.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** followup.twilio.*: credentials from TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN; none = sandbox mode. */
@ConfigMapping(prefix = "followup.twilio")
public interface TwilioSettings {
    Optional<String> accountSid();

    Optional<String> authToken();

    /** Send every Twilio API request to this base URL instead (the fake Twilio of tests, e2e and benchmarks). */
    Optional<String> apiBaseUrl();

    /** Calls per text when Twilio answers 429 / 5xx or cannot be reached, first one included. */
    @WithDefault("5")
    int sendAttempts();

    @WithDefault("PT0.2S")
    Duration firstBackoff();

    @WithDefault("PT5S")
    Duration maxBackoff();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** How long to wait for Twilio's answer; past it the text is unconfirmed and never resent. */
    @WithDefault("PT15S")
    Duration responseTimeout();

    default boolean live() {
        return accountSid().filter(s -> !s.isBlank()).isPresent() && authToken().filter(s -> !s.isBlank()).isPresent();
    }
}
