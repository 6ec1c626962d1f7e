package dev.followup.cadence.api;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.cadence.domain.contact.ContactPolicies;
import dev.followup.cadence.domain.contact.ContactPolicy;
import dev.followup.cadence.domain.contact.Spacing;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;
import dev.followup.platform.time.MovableClock;

/**
 * A dealer's contact policy: how far apart automated texts and emails to one customer must be, how many a day, and
 * how long duplicate leads coalesce. Bounded, so no dealer can configure its way into crowding customers.
 */
@Path("/dealers/{dealerId}/contact-policy")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class ContactPolicyResource {
    static final Duration SHORTEST_GAP = Duration.ofHours(1);
    static final Duration LONGEST_GAP = Duration.ofDays(7);
    static final Duration LONGEST_MERGE_WINDOW = Duration.ofHours(24);

    private final ContactPolicies policies;
    private final Clock clock;

    public ContactPolicyResource(ContactPolicies policies, MovableClock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** @param minimumGap ISO-8601, between PT1H and P7D */
    public record ChannelLimits(@NotNull String minimumGap, @NotNull @Min(1) @Max(5) Integer dailyLimit) {
    }

    public record PolicyBody(@NotNull @Valid ChannelLimits text, @NotNull @Valid ChannelLimits email,
            @NotNull String mergeWindow) {
    }

    public record PolicyView(UUID dealerId, boolean custom, ChannelLimits text, ChannelLimits email, String mergeWindow) {
        static PolicyView of(UUID dealerId, boolean custom, ContactPolicy p) {
            return new PolicyView(dealerId, custom, limits(p.text()), limits(p.email()), p.mergeWindow().toString());
        }

        private static ChannelLimits limits(Spacing.Limits l) {
            return new ChannelLimits(l.minimumGap().toString(), l.dailyLimit());
        }
    }

    @GET
    @Operation(summary = "The dealer's contact policy (its own, or the platform defaults)")
    public PolicyView get(@PathParam("dealerId") String dealerId) {
        UUID dealer = Params.uuid("dealerId", dealerId);
        return PolicyView.of(dealer, policies.isCustom(dealer), policies.of(dealer));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the dealer's contact policy; gaps PT1H..P7D, 1-5 a day, merge window up to PT24H")
    public PolicyView put(@PathParam("dealerId") String dealerId, @Valid @NotNull PolicyBody body) {
        UUID dealer = Params.uuid("dealerId", dealerId);
        ContactPolicy policy = new ContactPolicy(limits(body.text(), "text"), limits(body.email(), "email"),
                duration(body.mergeWindow(), "mergeWindow", Duration.ZERO, LONGEST_MERGE_WINDOW));
        return PolicyView.of(dealer, true, policies.replace(dealer, policy, clock.instant()));
    }

    private static Spacing.Limits limits(ChannelLimits limits, String field) {
        return new Spacing.Limits(duration(limits.minimumGap(), field + ".minimumGap", SHORTEST_GAP, LONGEST_GAP),
                limits.dailyLimit());
    }

    private static Duration duration(String value, String field, Duration shortest, Duration longest) {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "an ISO-8601 duration such as PT4H");
        }
        if (duration.compareTo(shortest) < 0 || duration.compareTo(longest) > 0) {
            throw ProblemException.badRequest(field, "must be between " + shortest + " and " + longest);
        }
        return duration;
    }
}
