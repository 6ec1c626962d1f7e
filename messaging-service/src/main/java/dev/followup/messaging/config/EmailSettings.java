package dev.followup.messaging.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** followup.email.*: the sender, links and secrets of automated email. */
@ConfigMapping(prefix = "followup.email")
public interface EmailSettings {
    /** The SMTP server; without it the service runs email in sandbox mode (recorded, not sent). */
    Optional<String> smtpHost();

    /** The address automated emails come from; the dealer's name is its display name, the dealer's email its Reply-To. */
    @WithDefault("followup@localhost")
    String fromAddress();

    /** Public base URL of the unsubscribe page (what customers' mail clients can reach). */
    String publicBaseUrl();

    /** Signs unsubscribe tokens. Set UNSUBSCRIBE_SECRET in production. */
    String unsubscribeSecret();

    /** Bearer token the mail provider's bounce webhook presents; none set: the webhook refuses every call. */
    Optional<String> bounceToken();

    /**
     * How long an email waits after the SMTP server said "try later" (4xx) or could not be reached; doubled after
     * each further such answer.
     */
    @WithDefault("PT1M")
    Duration retryAfter();

    /** Tries in all before such an email fails as carrier-error (with the default wait: over about 15 minutes). */
    @WithDefault("5")
    int maxAttempts();

    /** How often emails whose wait is over are looked for (read by EmailService's schedule). */
    @WithDefault("PT15S")
    Duration retryCheck();

    default boolean live() {
        return smtpHost().filter(h -> !h.isBlank()).isPresent();
    }
}
