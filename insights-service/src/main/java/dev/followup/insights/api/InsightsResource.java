package dev.followup.insights.api;

import java.util.UUID;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.followup.insights.domain.Report;
import dev.followup.platform.api.ProblemException;

/**
 * A dealer's figures as JSON, and each table of them as CSV. Managers: their own dealer; the admin token: any.
 * The token comes as {@code Authorization: Bearer}, or from the dashboard's session cookie (its CSV links).
 */
@Path("/insights/dealers/{dealerId}")
public class InsightsResource {
    private final ReportRequests requests;

    public InsightsResource(ReportRequests requests) {
        this.requests = requests;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Funnel, time to first text, sources, reps and plan steps of one dealer over a period")
    public Report report(@PathParam("dealerId") UUID dealerId,
            @Parameter(description = "First day, the dealer's calendar (default: 30 days before 'to')") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive (default: the dealer's today)") @QueryParam("to") String to,
            @Parameter(description = "Only leads of this source, e.g. website") @QueryParam("source") String source,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @CookieParam(DashboardPage.COOKIE) String session) {
        return requests.report(Viewers.tokenOf(authorization, session), dealerId, from, to, source);
    }

    @GET
    @Path("/{table}.csv")
    @Produces("text/csv")
    @Operation(summary = "One table of the report as CSV: funnel, first-text, sources, reps or steps")
    public Response csv(@PathParam("dealerId") UUID dealerId, @PathParam("table") String table,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("source") String source,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @CookieParam(DashboardPage.COOKIE) String session) {
        if (!CsvTables.NAMES.contains(table)) {
            throw ProblemException.notFound("Table '" + table + "' (one of " + String.join(", ", CsvTables.NAMES) + ")");
        }
        Report report = requests.report(Viewers.tokenOf(authorization, session), dealerId, from, to, source);
        String fileName = "insights-" + table + "-" + report.period().from() + "-" + report.period().to() + ".csv";
        return Response.ok(CsvTables.write(table, report), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
