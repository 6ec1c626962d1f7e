package dev.followup.task.api;

import java.time.Clock;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.platform.time.MovableClock;
import dev.followup.platform.api.ProblemException;
import dev.followup.task.domain.Caller;
import dev.followup.task.domain.Task;
import dev.followup.task.domain.TaskBoard;
import io.quarkus.security.Authenticated;

/** Working a task: complete, snooze, reassign (Bearer token from POST /auth/tokens). */
@Path("/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TasksResource {
    private final TaskBoard board;
    private final Callers callers;
    private final JsonWebToken token;
    private final Clock clock;

    public TasksResource(TaskBoard board, Callers callers, JsonWebToken token, MovableClock clock) {
        this.board = board;
        this.callers = callers;
        this.token = token;
        this.clock = clock;
    }

    @POST
    @Path("{taskId}/complete")
    @Operation(summary = "Complete a task with an outcome; publishes task.completed.v1")
    public TaskView complete(@PathParam("taskId") UUID taskId, ApiRequests.Complete request) {
        requireBody(request);
        Completion completion = Completion.fromRequest(request.outcome(), request.appointmentAt(), request.note());
        Task task = board.complete(caller(), taskId, completion.outcome(), completion.appointmentAt(), completion.note());
        return TaskView.of(task, clock.instant());
    }

    @POST
    @Path("{taskId}/snooze")
    @Operation(summary = "Move an open task's due time later (at most 30 days)")
    public TaskView snooze(@PathParam("taskId") UUID taskId, ApiRequests.Snooze request) {
        requireBody(request);
        java.time.Instant until = Completion.instant("until", request.until());
        if (until == null) {
            throw ProblemException.badRequest("until", "required: the instant the task is due again");
        }
        return TaskView.of(board.snooze(caller(), taskId, until), clock.instant());
    }

    @POST
    @Path("{taskId}/reassign")
    @Operation(summary = "Managers: give an open task to another rep of the dealer")
    public TaskView reassign(@PathParam("taskId") UUID taskId, ApiRequests.Reassign request) {
        requireBody(request);
        if (request.repId() == null) {
            throw ProblemException.badRequest("repId", "required: the rep who gets the task");
        }
        return TaskView.of(board.reassign(caller(), taskId, request.repId()), clock.instant());
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "a JSON body is required");
        }
    }

    private Caller caller() {
        return callers.of(token);
    }
}
