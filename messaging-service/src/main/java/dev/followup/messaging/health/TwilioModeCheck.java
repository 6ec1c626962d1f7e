package dev.followup.messaging.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.followup.messaging.domain.email.EmailGateway;
import dev.followup.messaging.domain.text.TextingGateway;
import io.quarkus.runtime.StartupEvent;

/** Readiness data says whether texts and emails really go out: "live" (Twilio, SMTP) or "sandbox" (recorded only). */
@Readiness
@ApplicationScoped
public class TwilioModeCheck implements HealthCheck {
    private final TextingGateway gateway;
    private final EmailGateway email;

    public TwilioModeCheck(TextingGateway gateway, EmailGateway email) {
        this.gateway = gateway;
        this.email = email;
    }

    void onStart(@Observes StartupEvent startup) {
        gateway.sandbox(); // creates the gateways now, so a sandbox warning is logged at startup
        email.sandbox();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Twilio").up().withData("mode", gateway.sandbox() ? "sandbox" : "live")
                .withData("email", email.sandbox() ? "sandbox" : "live").build();
    }
}
