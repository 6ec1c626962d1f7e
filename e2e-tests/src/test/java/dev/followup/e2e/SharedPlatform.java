package dev.followup.e2e;

import java.nio.file.Path;
import java.util.Map;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.processes.Platform;
import dev.followup.testing.twilio.FakeTwilio;

/**
 * One platform for every journey class of the run: the four services as processes and a fake Twilio, started once
 * (a start costs four JVMs) and stopped when the test JVM ends. Journeys open their own dealerships, so they do not
 * see each other's leads; the clocks only move forward, so each journey starts at the next local time it needs.
 */
final class SharedPlatform {
    private static FakeTwilio twilio;
    private static Platform platform;

    private SharedPlatform() {
    }

    static synchronized Platform platform() {
        if (platform == null) {
            twilio = FakeTwilio.start(0, Platform.TWILIO_ACCOUNT_SID, Platform.TWILIO_AUTH_TOKEN);
            // The load journeys' mornings arrive within seconds, not over hours: the platform's default per-dealer send
            // rate is lifted; the pacing journey sets its dealer's own rate. The fake Twilio answers at once, so a text
            // still handing over after 20 s belongs to a killed process: looked up then, not after 3 minutes. The outbox
            // backlog gauges are read every second, so a broker outage of a few seconds shows in them.
            platform = Platform.start(twilio.baseUrl(), Path.of("target", "e2e-logs").toAbsolutePath(),
                    Map.of("DEALER_RATE_PER_MINUTE", "2000", "BOUNCE_WEBHOOK_TOKEN", Journeys.BOUNCE_TOKEN,
                            "FOLLOWUP_MESSAGING_UNCONFIRMED_AFTER", "PT20S", "FOLLOWUP_MESSAGING_RECONCILE_EVERY", "PT5S",
                            "FOLLOWUP_OUTBOX_BACKLOG_CHECK", "1s"));
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPlatform::stop, "e2e-platform-stop"));
        }
        return platform;
    }

    /** Stops the services and the fake Twilio; safe to call twice. */
    static synchronized void stop() {
        if (platform != null) {
            platform.close();
            twilio.close();
            platform = null;
        }
    }

    static synchronized FakeTwilio twilio() {
        platform();
        return twilio;
    }

    static RealInfrastructure.Servers servers() {
        return RealInfrastructure.servers();
    }
}
