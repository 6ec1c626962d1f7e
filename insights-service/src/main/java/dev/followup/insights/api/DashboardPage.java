package dev.followup.insights.api;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.insights.domain.Report;
import dev.followup.platform.api.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The managers' dashboard: one server-rendered page that works on a phone without JavaScript (charts are inline
 * SVG, filters a plain GET form). The session is the manager's staff token in an HttpOnly, SameSite=Strict
 * cookie, set by pasting the token into the sign-in form.
 */
@Path("/insights/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {
    public static final String COOKIE = "followup_insights";
    private static final String SIGN_IN = "/insights/dashboard/sign-in";

    private final ReportRequests requests;
    private final Viewers viewers;
    private final boolean secureCookie;

    public DashboardPage(ReportRequests requests, Viewers viewers,
            @ConfigProperty(name = "followup.auth.secure-cookie") boolean secureCookie) {
        this.requests = requests;
        this.viewers = viewers;
        this.secureCookie = secureCookie;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Report report, String funnelChart, String firstTextChart,
                String from, String to, String source, String csvQuery);

        static native TemplateInstance signIn(String message);
    }

    @GET
    @Path("{dealerId}")
    @Operation(summary = "The managers' dashboard page (HTML)")
    public Response dashboard(@PathParam("dealerId") UUID dealerId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("source") String source,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @CookieParam(COOKIE) String session) {
        String token = Viewers.tokenOf(authorization, session);
        if (token == null || token.isBlank()) {
            return Response.seeOther(URI.create(SIGN_IN)).build();
        }
        try {
            Report report = requests.report(token, dealerId, from, to, source);
            String csvQuery = UriBuilder.fromPath("").queryParam("from", report.period().from())
                    .queryParam("to", report.period().to())
                    .queryParam("source", report.source() == null ? "" : report.source()).build().toString();
            return Response.ok(Templates.dashboard(report, Charts.funnel(report.funnel()),
                    Charts.timeToFirstText(report.timeToFirstText()), report.period().from().toString(),
                    report.period().to().toString(), report.source() == null ? "" : report.source(), csvQuery)).build();
        } catch (ProblemException refused) {
            if (refused.status() == 401) {
                return Response.seeOther(URI.create(SIGN_IN)).cookie(expiredCookie()).build();
            }
            return Response.status(refused.status()).entity(Templates.signIn(refused.getMessage())).build();
        }
    }

    @GET
    @Path("sign-in")
    public TemplateInstance signInForm() {
        return Templates.signIn(null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @FormParam("dealerId") String dealerId) {
        Viewers.Viewer viewer;
        try {
            viewer = viewers.of(token == null ? null : token.trim());
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(Templates.signIn(refused.getMessage())).build();
        }
        UUID dealer = viewer.dealerId();
        if (dealer == null) {
            try {
                dealer = UUID.fromString(String.valueOf(dealerId).trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Response.status(400).entity(Templates.signIn("With the admin token, also name the dealer id")).build();
            }
        }
        NewCookie cookie = new NewCookie.Builder(COOKIE).value(token.trim()).path("/insights").httpOnly(true)
                .secure(secureCookie).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/insights/dashboard/" + dealer)).cookie(cookie).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create(SIGN_IN)).cookie(expiredCookie()).build();
    }

    private NewCookie expiredCookie() {
        return new NewCookie.Builder(COOKIE).value("").path("/insights").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }
}
