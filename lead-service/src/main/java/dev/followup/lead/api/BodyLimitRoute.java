package dev.followup.lead.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a body over {@code quarkus.http.limits.max-body-size} with a 413 problem body. Quarkus' own check (route
 * order -2) answers 413 with an empty body; this one runs just before it, on the declared Content-Length, and
 * closes the connection without reading the body.
 */
@ApplicationScoped
public class BodyLimitRoute {
    private final long maxBodySize;

    public BodyLimitRoute(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && tooLarge(declared)) {
                String problem = "{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                        + "\"detail\":\"The body exceeds the limit of " + maxBodySize + " bytes\",\"field\":\"body\"}";
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .endHandler(ended -> context.request().connection().close());
                context.response().end(problem);
                return;
            }
            context.next();
        });
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
