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
import dev.followup.task.domain.TaskBoard;
import io.quarkus.security.Authenticated;

/** A rep's list (Bearer token from POST /auth/tokens). */
@Path("/reps")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RepTasksResource {
    private final TaskBoard board;
    private final Callers callers;
    private final JsonWebToken token;

    public RepTasksResource(TaskBoard board, Callers callers, JsonWebToken token) {
        this.board = board;
        this.callers = callers;
        this.token = token;
    }

    public record TodaysListView(UUID repId, String date, String timeZone, int count, List<TaskView> tasks) {
    }

    @GET
    @Path("{repId}/tasks")
    @Operation(summary = "Today's ranked list of a rep: overdue first, then priority, then due time")
    public TodaysListView todaysList(@PathParam("repId") UUID repId) {
        TaskBoard.TodaysList list = board.todaysList(caller(), repId);
        return new TodaysListView(repId, list.day().date().toString(), list.day().zone().getId(), list.tasks().size(),
                list.tasks().stream().map(t -> TaskView.of(t, list.now())).toList());
    }


    private Caller caller() {
        return callers.of(token);
    }
}
