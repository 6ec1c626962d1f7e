package dev.followup.task.api;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.platform.time.MovableClock;
import dev.followup.platform.api.ProblemException;
import dev.followup.task.domain.Caller;
import dev.followup.task.domain.CustomerAsk;
import dev.followup.task.domain.Directory;
import dev.followup.task.domain.Outcome;
import dev.followup.task.domain.Rep;
import dev.followup.task.domain.SignInCodes;
import dev.followup.task.domain.Task;
import dev.followup.task.domain.TaskBoard;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The reps' task inbox: a server-rendered page that works on a phone and without JavaScript. Plain forms post and
 * redirect. The session is the rep's token in an HttpOnly, SameSite=Strict cookie (SameSite=Strict is also what
 * keeps other sites from posting the forms with it), set by the one-time sign-in link from POST /auth/tokens.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
public class InboxPage {
    public static final String SIGN_IN_PATH = "/inbox/sign-in";
    public static final String COOKIE = "followup_inbox";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE MMM d, h:mm a", Locale.US);
    private static final DateTimeFormatter FORM_VALUE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    /** A task due within this is "due now", not a time on the clock. */
    private static final Duration DUE_NOW = Duration.ofMinutes(5);
    private static final Map<String, String> NOTICES = Map.of(
            "completed", "Done. The task is off your list.",
            "signed-in", "You are signed in.");

    private final TaskBoard board;
    private final Callers callers;
    private final Directory directory;
    private final SignInCodes signInCodes;
    private final TokenIssuer issuer;
    private final JWTParser parser;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final boolean secureCookie;

    public InboxPage(TaskBoard board, Callers callers, Directory directory, SignInCodes signInCodes, TokenIssuer issuer,
            JWTParser parser, MovableClock clock,
            @ConfigProperty(name = "followup.auth.session-lifetime") Duration sessionLifetime,
            @ConfigProperty(name = "followup.auth.secure-cookie") boolean secureCookie) {
        this.board = board;
        this.callers = callers;
        this.directory = directory;
        this.signInCodes = signInCodes;
        this.issuer = issuer;
        this.parser = parser;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
        this.secureCookie = secureCookie;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(String repName, String date, String timeZone, List<InboxTask> tasks,
                List<OutcomeChoice> outcomes, String notice, String error);

        static native TemplateInstance signedOut(String message);
    }

    /**
     * A task card. telHref is null when the lead has no phone (it keeps E.164; phone is shown the local way).
     * appointmentValue prefills the appointment field with the time the customer proposed (dealer's local time);
     * lostReason, when set, offers closing the lead as lost in one tap.
     */
    public record InboxTask(String id, int rank, String displayName, String phone, String telHref, String vehicle,
            String kind, String title, String reason, String question, String questionKinds, String due, boolean dueNow,
            boolean overdue, boolean urgent, int priority, String factors, String appointmentValue, String lostReason) {
    }

    public record OutcomeChoice(String value, String label, boolean needsAppointment) {
    }

    @GET
    @Path("sign-in")
    @Operation(summary = "One-time sign-in link: sets the inbox session cookie and redirects to the inbox")
    public Response signIn(@QueryParam("token") String code) {
        Rep rep = signInCodes.redeem(code, clock.instant()).flatMap(directory::rep).filter(r -> r.active).orElse(null);
        if (rep == null) {
            return page(401, Templates.signedOut("This sign-in link is not valid any more: it was used already or has"
                    + " expired. Ask for a new one."));
        }
        TokenIssuer.IssuedToken session = issuer.issue(rep, sessionLifetime);
        NewCookie cookie = new NewCookie.Builder(COOKIE).value(session.token()).path("/inbox").httpOnly(true)
                .secure(secureCookie).sameSite(NewCookie.SameSite.STRICT).maxAge((int) sessionLifetime.toSeconds())
                .build();
        return Response.seeOther(URI.create("/inbox?notice=signed-in")).cookie(cookie).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        NewCookie expired = new NewCookie.Builder(COOKIE).value("").path("/inbox").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.ok(Templates.signedOut("You are signed out.")).cookie(expired).build();
    }

    @GET
    @Operation(summary = "The signed-in rep's task inbox (HTML)")
    public Response inbox(@CookieParam(COOKIE) String session, @QueryParam("notice") String notice) {
        Caller caller;
        try {
            caller = caller(session);
        } catch (ProblemException e) {
            return page(e.status(), Templates.signedOut(e.getMessage()));
        }
        return page(200, render(caller, notice == null ? null : NOTICES.get(notice), null));
    }

    @POST
    @Path("tasks/{taskId}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response complete(@CookieParam(COOKIE) String session, @PathParam("taskId") UUID taskId,
            @FormParam("outcome") String outcome, @FormParam("appointmentAt") String appointmentAt,
            @FormParam("note") String note) {
        Caller caller;
        try {
            caller = caller(session);
        } catch (ProblemException e) {
            return page(e.status(), Templates.signedOut(e.getMessage()));
        }
        try {
            ZoneId zone = directory.zoneOf(caller.dealerId());
            Completion completion = Completion.parse(outcome, localTime(appointmentAt, zone), note);
            board.complete(caller, taskId, completion.outcome(), completion.appointmentAt(), completion.note());
        } catch (ProblemException e) {
            return page(e.status(), render(caller, null, e.getMessage()));
        }
        return Response.seeOther(URI.create("/inbox?notice=completed")).build();
    }

    private TemplateInstance render(Caller caller, String notice, String error) {
        TaskBoard.TodaysList list = board.todaysList(caller, caller.repId());
        ZoneId zone = list.day().zone();
        String repName = directory.rep(caller.repId()).map(r -> r.name).orElse("");
        String country = directory.countryOf(caller.dealerId());
        List<InboxTask> tasks = new java.util.ArrayList<>();
        int rank = 1;
        for (Task task : list.tasks()) {
            tasks.add(card(task, rank++, list, zone, country));
        }
        List<OutcomeChoice> outcomes = java.util.Arrays.stream(Outcome.values())
                .map(o -> new OutcomeChoice(o.wire(), o.label(), o.needsAppointment())).toList();
        return Templates.inbox(repName, list.day().date().format(DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US)),
                zone.getId(), tasks, outcomes, notice, error);
    }

    private static InboxTask card(Task task, int rank, TaskBoard.TodaysList list, ZoneId zone, String country) {
        boolean overdue = task.overdueAt(list.now());
        boolean dueNow = !overdue && !task.dueAt.isAfter(list.now().plus(DUE_NOW));
        var local = task.dueAt.atZone(zone);
        String due = dueNow ? "now" : list.day().contains(task.dueAt) ? local.format(TIME) : local.format(DAY_AND_TIME);
        CustomerAsk ask = task.ask();
        String factors = task.scoreExplanation != null && !task.scoreExplanation.isEmpty()
                ? String.join(" · ", task.scoreExplanation)
                : task.scoreFactors == null || task.scoreFactors.isEmpty() ? null
                : task.scoreFactors.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(e -> e.getKey() + " " + String.format(Locale.US, "%.2f", e.getValue()))
                        .collect(Collectors.joining(", "));
        String appointmentValue = ask != null && ask.proposedAt() != null && CustomerAsk.APPOINTMENT.equals(ask.intent())
                ? ask.proposedAt().atZone(zone).toLocalDateTime().format(FORM_VALUE) : null;
        return new InboxTask(task.taskId.toString(), rank, task.leadDisplayName, PhoneDisplay.of(task.leadPhone, country),
                task.leadPhone == null ? null : "tel:" + task.leadPhone, task.leadVehicle,
                task.kind.wire().replace('-', ' '), title(task, ask), task.reason, ask == null ? null : ask.question(),
                ask == null || ask.questionKinds().isEmpty() ? null : String.join(", ", ask.questionKinds()), due, dueNow,
                overdue, task.urgent, task.priority, factors, appointmentValue,
                ask != null && CustomerAsk.NOT_LOOKING.equals(ask.intent()) ? ask.lostReasonWords() : null);
    }

    /** What the rep is asked to do, in a few words. */
    private static String title(Task task, CustomerAsk ask) {
        if (ask == null) {
            return task.kind == dev.followup.task.domain.TaskKind.CALL ? "Call" : "Answer the customer";
        }
        return switch (ask.intent()) {
            case CustomerAsk.APPOINTMENT -> "Confirm appointment";
            case CustomerAsk.CALL_ME -> "Call back, as asked";
            case CustomerAsk.QUESTION -> "Answer a question";
            case CustomerAsk.NOT_LOOKING -> "Close as lost?";
            default -> "Answer the customer";
        };
    }

    private Caller caller(String session) {
        if (session == null || session.isBlank()) {
            throw Callers.unauthorized("You are not signed in. Open the sign-in link you were sent.");
        }
        JsonWebToken token;
        try {
            token = parser.parse(session);
        } catch (ParseException e) {
            throw Callers.unauthorized("Your session has expired. Open a new sign-in link.");
        }
        return callers.of(token);
    }

    /** The form's datetime-local value ("2025-03-14T17:30") is the dealer's local time. */
    private static java.time.Instant localTime(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("appointmentAt", "not a date and time: " + value);
        }
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}
