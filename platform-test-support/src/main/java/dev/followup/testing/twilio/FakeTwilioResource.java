package dev.followup.testing.twilio;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test resource: one {@link FakeTwilio} per test JVM, and the service configured to send through it with the real
 * SDK ({@code followup.twilio.api-base-url}, {@code followup.twilio.account-sid}, {@code followup.twilio.auth-token}).
 * Use with {@code @WithTestResource(value = FakeTwilioResource.class, scope = TestResourceScope.GLOBAL)}; tests reach
 * the server through {@link #fake()} and should {@link FakeTwilio#reset()} scripts they set.
 */
public class FakeTwilioResource implements QuarkusTestResourceLifecycleManager {
    private static FakeTwilio fake;

    public static synchronized FakeTwilio fake() {
        if (fake == null) {
            fake = FakeTwilio.start();
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-twilio-stop"));
        }
        return fake;
    }

    @Override
    public Map<String, String> start() {
        FakeTwilio running = fake();
        return Map.of("followup.twilio.api-base-url", running.baseUrl(),
                "followup.twilio.account-sid", running.accountSid(),
                "followup.twilio.auth-token", running.authToken());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; the shutdown hook stops it
    }
}
