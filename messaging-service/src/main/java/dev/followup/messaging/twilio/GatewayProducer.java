package dev.followup.messaging.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import dev.followup.messaging.config.TwilioSettings;
import dev.followup.messaging.domain.text.TextingGateway;

/** Twilio when credentials are configured, else the sandbox (texts recorded, not sent). */
public class GatewayProducer {
    private static final Logger LOG = Logger.getLogger(GatewayProducer.class);

    @Produces
    @ApplicationScoped
    TextingGateway gateway(TwilioSettings settings) {
        if (settings.live()) {
            LOG.infof("Twilio live mode%s", settings.apiBaseUrl().map(url -> ": API requests go to " + url).orElse(""));
            return new TwilioGateway(settings);
        }
        LOG.warn("""
                *** SANDBOX MODE: no Twilio credentials (TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN). Texts are recorded, \
                NOT sent; see GET /messages?leadId=. Webhooks are refused; simulate replies with POST /sandbox/replies. ***""");
        return new SandboxGateway();
    }
}
