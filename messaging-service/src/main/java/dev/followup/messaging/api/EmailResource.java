package dev.followup.messaging.api;

import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.messaging.config.EmailSettings;
import dev.followup.messaging.domain.email.EmailStops;
import dev.followup.messaging.domain.email.EmailSuppressions;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminTokenFilter;

/**
 * What the customer and the mail provider do to automated email: unsubscribe (the link in the email opens a page
 * with one button; the List-Unsubscribe header's RFC 8058 one-click POST needs no page), and report bounces.
 */
@Path("/email")
public class EmailResource {
    private final EmailStops stops;
    private final EmailSettings settings;

    public EmailResource(EmailStops stops, EmailSettings settings) {
        this.stops = stops;
        this.settings = settings;
    }

    @GET
    @Path("unsubscribe")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The page an email's unsubscribe link opens: one button, nothing changes until it is pressed")
    public Response confirmPage(@QueryParam("t") String token) {
        Optional<EmailStops.Stopped> who = stops.whoseToken(token);
        if (who.isEmpty()) {
            return page(404, "This unsubscribe link is not valid", "<p>Please use the link in the email you received.</p>");
        }
        return page(200, "Unsubscribe from " + who.get().dealerName() + " emails",
                "<p>Stop automated emails from " + esc(who.get().dealerName()) + " to " + esc(who.get().address()) + "?</p>"
                        + "<form method=\"post\" action=\"/email/unsubscribe?t=" + esc(token) + "\">"
                        + "<button type=\"submit\" style=\"font-size:18px;padding:12px 24px\">Unsubscribe</button></form>");
    }

    @POST
    @Path("unsubscribe")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe: the page's button, or a mail client's one-click POST (body List-Unsubscribe=One-Click)")
    public Response unsubscribe(@QueryParam("t") String token, String body) {
        String method = body != null && body.contains("List-Unsubscribe=One-Click") ? EmailSuppressions.ONE_CLICK
                : EmailSuppressions.LINK;
        Optional<EmailStops.Stopped> stopped = stops.unsubscribe(token, method);
        if (stopped.isEmpty()) {
            return page(404, "This unsubscribe link is not valid", "<p>Please use the link in the email you received.</p>");
        }
        return page(200, "You are unsubscribed", "<p>" + esc(stopped.get().address()) + " will get no more automated emails from "
                + esc(stopped.get().dealerName()) + ".</p>");
    }

    /** @param emailId the email that bounced, or its Message-ID ({@code <uuid@followup>}) */
    public record Bounce(@NotBlank @Size(max = 200) String emailId,
            @NotNull @Pattern(regexp = "hard|soft", message = "hard or soft") String type,
            @Size(max = 500) String detail) {
    }

    public record BounceOutcome(UUID emailId, boolean suppressed) {
    }

    @POST
    @Path("bounces")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The mail provider's bounce webhook (Bearer BOUNCE_WEBHOOK_TOKEN): a hard bounce suppresses the address")
    public BounceOutcome bounce(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Valid @NotNull Bounce bounce) {
        String expected = settings.bounceToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new ProblemException(403, "Forbidden", "no bounce webhook token is configured", null));
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !AdminTokenFilter.matches(authorization.substring(7).trim(), expected)) {
            throw new ProblemException(401, "Unauthorized", "the bounce webhook needs 'Authorization: Bearer <token>'", null);
        }
        UUID emailId = emailId(bounce.emailId());
        boolean hard = "hard".equals(bounce.type());
        if (hard && !stops.hardBounce(emailId, bounce.detail())) {
            throw ProblemException.notFound("Email " + emailId);
        }
        return new BounceOutcome(emailId, hard);
    }

    static UUID emailId(String value) {
        String id = value.strip();
        if (id.startsWith("<") && id.contains("@")) {
            id = id.substring(1, id.indexOf('@'));
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("emailId", "the email's id or its Message-ID <id@followup>");
        }
    }

    private static Response page(int status, String title, String content) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + "</title></head><body style=\""
                + "font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em\"><h1>" + esc(title) + "</h1>"
                + content + "</body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html).build();
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
