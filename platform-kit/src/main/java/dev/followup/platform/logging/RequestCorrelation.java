package dev.followup.platform.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.MDC;

/** A request about one lead ({@code /leads/{leadId}/...}, {@code ?leadId=}) logs with its id, like its events do. */
@Provider
public class RequestCorrelation implements ContainerRequestFilter, ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String leadId = request.getUriInfo().getPathParameters().getFirst(Correlation.LEAD_ID);
        if (leadId == null) {
            leadId = request.getUriInfo().getQueryParameters().getFirst(Correlation.LEAD_ID);
        }
        if (leadId != null && !leadId.isBlank()) {
            MDC.put(Correlation.LEAD_ID, leadId.length() > 64 ? leadId.substring(0, 64) : leadId);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MDC.remove(Correlation.LEAD_ID);
    }
}
