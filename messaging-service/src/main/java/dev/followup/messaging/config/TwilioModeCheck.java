package dev.followup.messaging.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.followup.messaging.domain.TextingGateway;
import io.quarkus.runtime.StartupEvent;

/** Readiness data says whether texts really go out: mode "live" (Twilio) or "sandbox" (recorded only). */
@Readiness
@ApplicationScoped
public class TwilioModeCheck implements HealthCheck {
    private final TextingGateway gateway;

    public TwilioModeCheck(TextingGateway gateway) {
        this.gateway = gateway;
    }

    void onStart(@Observes StartupEvent startup) {
        gateway.sandbox(); // creates the gateway now, so the sandbox warning is logged at startup
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Twilio").up().withData("mode", gateway.sandbox() ? "sandbox" : "live").build();
    }
}
