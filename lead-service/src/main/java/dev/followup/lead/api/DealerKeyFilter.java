package dev.followup.lead.api;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.followup.lead.domain.ApiKeys;
import dev.followup.platform.api.Problem;
import dev.followup.platform.api.ProblemMappers;

/** Authenticates {@link DealerApi} requests by {@code X-Api-Key} and applies the key's rate limit. */
@Provider
@DealerApi
@Priority(Priorities.AUTHENTICATION)
public class DealerKeyFilter implements ContainerRequestFilter {
    public static final String HEADER = "X-Api-Key";

    private final ApiKeyCache keys;
    private final RateLimiter limiter;
    private final CurrentDealer current;

    public DealerKeyFilter(ApiKeyCache keys, RateLimiter limiter, CurrentDealer current) {
        this.keys = keys;
        this.limiter = limiter;
        this.current = current;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = request.getHeaderString(HEADER);
        if (presented == null || presented.isBlank()) {
            request.abortWith(ProblemMappers.respond(Problem.of(401, "Unauthorized",
                    "This endpoint needs the dealer's API key in the X-Api-Key header", HEADER)));
            return;
        }
        Optional<ApiKeys.Holder> holder = keys.holderOf(presented.trim());
        if (holder.isEmpty()) {
            request.abortWith(ProblemMappers.respond(Problem.of(401, "Unauthorized",
                    "The API key is unknown or revoked", HEADER)));
            return;
        }
        if (!holder.get().dealerActive()) {
            request.abortWith(ProblemMappers.respond(Problem.of(403, "Forbidden", "The dealer is deactivated", null)));
            return;
        }
        long waitNanos = limiter.tryAcquire(holder.get().keyId(), holder.get().ratePerSecond(), holder.get().burst());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            Response tooMany = ProblemMappers.respond(Problem.of(429, "Too Many Requests",
                    "Rate limit of this API key exceeded; retry after " + seconds + " s", null));
            request.abortWith(Response.fromResponse(tooMany).header(HttpHeaders.RETRY_AFTER, seconds).build());
            return;
        }
        current.set(holder.get());
    }
}
