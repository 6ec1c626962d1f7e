package dev.followup.platform.time;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/**
 * Moves this service's clock forward, for end-to-end journeys and benchmarks. Exists only when
 * {@code followup.clock.movable=true}; in production it answers 404.
 */
@Path("/admin/clock")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {
    private final MovableClock clock;
    private final boolean movable;

    public ClockResource(MovableClock clock, @ConfigProperty(name = "followup.clock.movable", defaultValue = "false") boolean movable) {
        this.clock = clock;
        this.movable = movable;
    }

    public record ClockState(Instant now, String offset) {
    }

    public record Move(Instant to, String advance) {
    }

    @GET
    @Operation(summary = "This service's current time and its offset from the system clock")
    public ClockState now() {
        requireMovable();
        return new ClockState(clock.instant(), clock.offset().toString());
    }

    @POST
    @Operation(summary = "Move this service's clock forward: either to an instant or by an ISO-8601 duration")
    public ClockState move(Move move) {
        requireMovable();
        if (move == null || (move.to() == null) == (move.advance() == null)) {
            throw ProblemException.badRequest("to", "give exactly one of 'to' (an instant) or 'advance' (e.g. PT1H)");
        }
        try {
            if (move.to() != null) {
                clock.moveTo(move.to());
            } else {
                clock.advance(Duration.parse(move.advance()));
            }
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest(move.to() != null ? "to" : "advance", e.getMessage());
        }
        return now();
    }

    private void requireMovable() {
        if (!movable) {
            throw ProblemException.notFound("Resource");
        }
    }
}
