package dev.followup.task.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.task.domain.Caller;
import dev.followup.task.domain.RepWorkload;
import dev.followup.task.domain.TaskBoard;
import io.quarkus.security.Authenticated;

/** Managers' view of their dealer (Bearer token from POST /auth/tokens). */
@Path("/dealers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DealersResource {
    private final TaskBoard board;
    private final Callers callers;
    private final JsonWebToken token;

    public DealersResource(TaskBoard board, Callers callers, JsonWebToken token) {
        this.board = board;
        this.callers = callers;
        this.token = token;
    }

    public record SummaryView(UUID dealerId, String date, String timeZone, List<RepWorkload> reps) {
    }

    @GET
    @Path("{dealerId}/summary")
    @Operation(summary = "Managers: per rep open, due today, overdue and done today")
    public SummaryView summary(@PathParam("dealerId") UUID dealerId) {
        TaskBoard.Summary summary = board.summary(caller(), dealerId);
        return new SummaryView(dealerId, summary.day().date().toString(), summary.day().zone().getId(), summary.reps());
    }


    private Caller caller() {
        return callers.of(token);
    }
}
