package dev.followup.lead.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.lead.api.VisitRequests.StatusRequest;
import dev.followup.lead.api.VisitRequests.VisitRequest;
import dev.followup.lead.api.VisitRequests.VisitResponse;
import dev.followup.lead.domain.ApiKeys;
import dev.followup.lead.domain.Lead;
import dev.followup.lead.domain.LeadActions;
import dev.followup.lead.domain.LeadDraft;
import dev.followup.lead.domain.LeadIntake;
import dev.followup.lead.domain.LeadNormalizer;
import dev.followup.lead.domain.LeadStatus;
import dev.followup.lead.domain.LeadSubmission;
import dev.followup.lead.domain.VehicleList;
import dev.followup.lead.domain.Visit;
import dev.followup.platform.api.ProblemException;

@Path("/leads")
@DealerApi
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = DealerKeyFilter.HEADER)
@SecurityRequirement(name = "apiKey")
public class LeadResource {
    public static final String ADF_XML = "application/x-adf+xml";
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final CurrentDealer dealer;
    private final LeadIntake intake;
    private final LeadActions actions;
    private final VehicleList vehicles;
    private final ObjectMapper mapper;
    private final AdfParser adf = new AdfParser();

    public LeadResource(CurrentDealer dealer, LeadIntake intake, LeadActions actions, VehicleList vehicles,
            ObjectMapper mapper) {
        this.dealer = dealer;
        this.intake = intake;
        this.actions = actions;
        this.vehicles = vehicles;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a lead as JSON", description = "201 with the new lead; 200 with outcome merged when it "
            + "duplicates an open lead of the last 30 days (same phone or email), or outcome replayed for a request "
            + "seen before (same source + sourceLeadId, or same Idempotency-Key).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadRequest.class)))
    public Response submitJson(String body, @HeaderParam("Idempotency-Key") String idempotencyKey)
            throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "the request has no body: send a lead as JSON");
        }
        LeadRequest request = mapper.readValue(body, LeadRequest.class);
        if (request == null) {
            throw ProblemException.badRequest("body", "the body is null: send a lead as JSON object");
        }
        ApiKeys.Holder holder = dealer.holder();
        LeadDraft draft = LeadNormalizer.normalize(request.toSubmission(), holder.country(), holder.timeZone());
        LeadIntake.Result result = intake.accept(holder, MediaType.APPLICATION_JSON, body, List.of(draft),
                idempotencyKey(idempotencyKey)).get(0);
        return Response.status(result.outcome() == LeadIntake.Outcome.CREATED ? 201 : 200).entity(response(result)).build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, ADF_XML})
    @Operation(summary = "Submit an ADF XML document (one lead per prospect)", description = "201 when at least one "
            + "prospect created a lead, else 200; one entry per prospect with its outcome.")
    @RequestBody(content = @Content(mediaType = ADF_XML, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response submitAdf(String body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Content-Type") String contentType) {
        ApiKeys.Holder holder = dealer.holder();
        List<LeadSubmission> submissions = adf.parse(body);
        List<LeadDraft> drafts = submissions.stream()
                .map(s -> LeadNormalizer.normalize(s, holder.country(), holder.timeZone())).toList();
        List<LeadIntake.Result> results = intake.accept(holder, mediaTypeOf(contentType), body, drafts,
                idempotencyKey(idempotencyKey));
        boolean anyCreated = results.stream().anyMatch(r -> r.outcome() == LeadIntake.Outcome.CREATED);
        return Response.status(anyCreated ? 201 : 200)
                .entity(new IntakeResponse.Document(results.stream().map(this::response).toList())).build();
    }

    @GET
    @Path("/{leadId}")
    @Operation(summary = "One lead of the key's dealer, with its merges and visits")
    public LeadView get(@PathParam("leadId") String leadId) {
        Lead lead = actions.lead(dealer.id(), pathId(leadId));
        return LeadView.of(lead, vehicles, actions.merges(lead.id), actions.visits(lead.id));
    }

    public record LeadPage(List<LeadView> items, int page, int size, long total) {
    }

    @GET
    @Operation(summary = "The dealer's leads, newest first, paged and filtered")
    public LeadPage list(@QueryParam("status") String status, @QueryParam("source") String source,
            @QueryParam("since") String since, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw ProblemException.badRequest("page", "page starts at 0");
        }
        if (s < 1 || s > 200) {
            throw ProblemException.badRequest("size", "size is between 1 and 200");
        }
        String wantedStatus = null;
        if (status != null) {
            try {
                wantedStatus = LeadStatus.fromWire(status.trim()).wire();
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status", "status is one of open, appointment, sold, lost");
            }
        }
        Instant sinceInstant = since == null ? null : instant(since, "since");
        LeadActions.PageOfLeads result = actions.list(dealer.id(), wantedStatus,
                source == null ? null : source.trim().toLowerCase(), sinceInstant, p, s);
        return new LeadPage(result.items().stream().map(l -> LeadView.of(l, vehicles, null, null)).toList(), p, s,
                result.total());
    }

    @POST
    @Path("/{leadId}/visits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a showroom visit of this lead")
    public Response visit(@PathParam("leadId") String leadId, VisitRequest request) {
        VisitRequest r = request == null ? new VisitRequest(null, null, null) : request;
        UUID id = pathId(leadId);
        Instant visitedAt = r.visitedAt() == null ? null : instant(r.visitedAt(), "visitedAt");
        UUID repId = r.repId() == null ? null : uuid(r.repId(), "repId");
        if (r.notes() != null && r.notes().length() > 2000) {
            throw ProblemException.badRequest("notes", "at most 2000 characters");
        }
        Visit visit = actions.recordVisit(dealer.id(), id, visitedAt, repId, r.notes());
        Lead lead = actions.lead(dealer.id(), id);
        return Response.status(201).entity(new VisitResponse(visit.id, lead.id, false,
                LeadView.of(lead, vehicles, null, null))).build();
    }

    @POST
    @Path("/{leadId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the lead to appointment, sold or lost, or reopen it", description = "Sold and lost are "
            + "final unless reopened; an appointment needs appointmentAt; an impossible move is 409.")
    public LeadView status(@PathParam("leadId") String leadId, StatusRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("status", "send {\"status\": ...}");
        }
        UUID id = pathId(leadId);
        Instant appointmentAt = request.appointmentAt() == null ? null : instant(request.appointmentAt(), "appointmentAt");
        if (request.reason() != null && request.reason().length() > 500) {
            throw ProblemException.badRequest("reason", "at most 500 characters");
        }
        if (request.changedBy() != null && request.changedBy().length() > 200) {
            throw ProblemException.badRequest("changedBy", "at most 200 characters");
        }
        Lead lead = actions.changeStatus(dealer.id(), id, request.status(), appointmentAt, request.reason(),
                request.changedBy());
        return LeadView.of(lead, vehicles, null, null);
    }

    private IntakeResponse response(LeadIntake.Result result) {
        return new IntakeResponse(result.outcome().wire(), result.lead().id, LeadView.of(result.lead(), vehicles, null, null));
    }

    private static String idempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.length() > MAX_IDEMPOTENCY_KEY) {
            throw ProblemException.badRequest("Idempotency-Key", "at most " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return header.trim();
    }

    private static String mediaTypeOf(String contentType) {
        if (contentType == null) {
            return MediaType.APPLICATION_XML;
        }
        String type = contentType.split(";")[0].trim();
        return type.length() > 100 ? type.substring(0, 100) : type;
    }

    /** A malformed id cannot name any lead: 404, like another dealer's lead. */
    static UUID pathId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Lead " + value);
        }
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "not a UUID");
        }
    }

    static Instant instant(String value, String field) {
        return dev.followup.lead.domain.LenientDates.parseStrict(value).orElseThrow(() -> ProblemException
                .badRequest(field, "not an ISO-8601 instant with offset, e.g. 2025-03-20T16:30:00Z"));
    }
}
