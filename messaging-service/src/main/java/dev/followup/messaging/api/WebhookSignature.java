package dev.followup.messaging.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.twilio.security.RequestValidator;

import dev.followup.messaging.config.TwilioSettings;
import dev.followup.platform.api.ProblemException;

/**
 * Checks X-Twilio-Signature with the SDK's RequestValidator against the URL Twilio called: the configured public
 * base URL plus the request's path and query, never the URL this process sees (behind a TLS-terminating proxy that
 * is http://internal-host:port, not what Twilio signed). The validator also accepts the URL with or without the
 * default port, as Twilio may sign either.
 */
@ApplicationScoped
public class WebhookSignature {
    public static final String HEADER = "X-Twilio-Signature";

    private final Optional<RequestValidator> validator;
    private final String publicBaseUrl;

    public WebhookSignature(TwilioSettings twilio, @ConfigProperty(name = "followup.public-base-url") String publicBaseUrl) {
        this.validator = twilio.live() ? Optional.of(new RequestValidator(twilio.authToken().orElseThrow())) : Optional.empty();
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** @return the form's parameters (first value of each) once the signature is proven; otherwise 403, nothing read */
    public Map<String, String> verified(UriInfo uri, MultivaluedMap<String, String> form, String signature) {
        Map<String, String> params = new HashMap<>();
        if (form != null) {
            form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        }
        if (signature == null || signature.isBlank()) {
            throw forbidden("missing " + HEADER);
        }
        if (validator.isEmpty()) {
            throw forbidden("sandbox mode: no Twilio auth token to check " + HEADER + " against");
        }
        String rawQuery = uri.getRequestUri().getRawQuery();
        String url = publicBaseUrl + uri.getRequestUri().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
        if (!validator.get().validate(url, params, signature)) {
            throw forbidden(HEADER + " does not match this request");
        }
        return params;
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, HEADER);
    }
}
