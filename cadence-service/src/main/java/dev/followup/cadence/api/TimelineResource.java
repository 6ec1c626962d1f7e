package dev.followup.cadence.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.plan.PlanKind;
import dev.followup.cadence.domain.projection.PlanProjection;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/** A lead's timeline (done and planned, with reasons) and the preview of a hypothetical lead's plan; operations-only. */
@Path("/")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {
    static final String E164 = "^\\+[1-9][0-9]{6,14}$";
    private final PlanProjection projection;

    public TimelineResource(PlanProjection projection) {
        this.projection = projection;
    }

    @GET
    @Path("leads/{leadId}/timeline")
    @Operation(summary = "What was done for the lead and what is planned, with exact times and reasons")
    public PlanProjection.LeadTimeline timeline(@PathParam("leadId") String leadId) {
        LeadCadence lead = LeadCadence.findById(Params.uuid("leadId", leadId));
        if (lead == null) {
            throw ProblemException.notFound("Lead");
        }
        return projection.timeline(lead);
    }

    public record PreviewCustomer(@Size(max = 100) String firstName,
            @Pattern(regexp = E164, message = "an E.164 number such as +15125550123") String phone,
            @Email @Size(max = 254) String email,
            @Size(max = 16) String postalCode) {
    }

    /** A hypothetical lead; everything optional. */
    public record PreviewRequest(UUID dealerId,
            @Pattern(regexp = "new-lead|email-first|post-visit|re-engage|appointment", message = "one of new-lead, email-first, post-visit, re-engage, appointment") String planKind,
            Instant startAt, @Size(max = 100) String source, @Valid PreviewCustomer customer,
            @Size(max = 200) String vehicle, @Size(max = 100) String repName) {
    }

    public record PreviewEntry(Instant at, String localTime, String stepId, String channel, String kind, String reason,
            String body, Integer segments) {
    }

    public record Preview(String planKind, String zone, String zoneBasis, boolean floridaRules, List<PreviewEntry> entries) {
    }

    @POST
    @Path("plans/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The timeline a hypothetical lead would get, spacing and window decisions included; sends and stores nothing")
    public Preview preview(@Valid PreviewRequest request) {
        PreviewRequest r = request == null ? new PreviewRequest(null, null, null, null, null, null, null) : request;
        PreviewCustomer c = r.customer() == null ? new PreviewCustomer(null, null, null, null) : r.customer();
        PlanKind kind = r.planKind() == null ? PlanKind.NEW_LEAD : Params.planKind(r.planKind());
        Instant start = r.startAt() != null ? r.startAt() : projection.now();
        PlanProjection.Preview preview = projection.preview(new PlanProjection.Hypothetical(r.dealerId(), kind, start,
                r.source(), c.firstName(), c.phone(), c.email() == null ? null : c.email().toLowerCase(), c.postalCode(),
                r.vehicle(), r.repName()));
        return new Preview(kind.key(), preview.zone().zone().getId(), preview.zone().basis(), preview.zone().florida(),
                preview.steps().stream().map(p -> new PreviewEntry(p.at(),
                        p.at().atZone(preview.zone().zone()).toLocalDateTime().toString(), p.stepId(), p.channel().wire(),
                        p.kind(), p.reason(), p.body(), p.segments())).toList());
    }
}
