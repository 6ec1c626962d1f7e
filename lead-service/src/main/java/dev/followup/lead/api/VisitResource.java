package dev.followup.lead.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.lead.api.VisitRequests.VisitResponse;
import dev.followup.lead.api.VisitRequests.WalkInRequest;
import dev.followup.lead.domain.ApiKeys;
import dev.followup.lead.domain.LeadDraft;
import dev.followup.lead.domain.LeadIntake;
import dev.followup.lead.domain.LeadNormalizer;
import dev.followup.lead.domain.VehicleList;
import dev.followup.platform.api.ProblemException;

@Path("/visits")
@DealerApi
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "apiKey")
public class VisitResource {
    private final CurrentDealer dealer;
    private final LeadIntake intake;
    private final VehicleList vehicles;
    private final ObjectMapper mapper;

    public VisitResource(CurrentDealer dealer, LeadIntake intake, VehicleList vehicles, ObjectMapper mapper) {
        this.dealer = dealer;
        this.intake = intake;
        this.vehicles = vehicles;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a walk-in", description = "Recorded on the customer's open lead when the phone or "
            + "email matches one (200, newLead false); otherwise a lead with source showroom is created first (201).")
    public Response walkIn(String body) throws com.fasterxml.jackson.core.JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "the request has no body");
        }
        WalkInRequest request = mapper.readValue(body, WalkInRequest.class);
        if (request == null) {
            throw ProblemException.badRequest("body", "the body is null");
        }
        Instant visitedAt = request.visitedAt() == null ? null : LeadResource.instant(request.visitedAt(), "visitedAt");
        UUID repId = request.repId() == null ? null : LeadResource.uuid(request.repId(), "repId");
        if (request.notes() != null && request.notes().length() > 2000) {
            throw ProblemException.badRequest("notes", "at most 2000 characters");
        }
        LeadRequest asLead = new LeadRequest("showroom", null, null, null, request.customer(), request.vehicles(),
                null, null, null, request.consent());
        ApiKeys.Holder holder = dealer.holder();
        LeadDraft draft = LeadNormalizer.normalize(asLead.toSubmission(), holder.country(), holder.timeZone());
        LeadIntake.Result result = intake.walkIn(holder, MediaType.APPLICATION_JSON, body, draft, visitedAt, repId,
                request.notes());
        boolean newLead = result.outcome() == LeadIntake.Outcome.CREATED;
        return Response.status(newLead ? 201 : 200).entity(new VisitResponse(result.visit().id, result.lead().id,
                newLead, LeadView.of(result.lead(), vehicles, null, null))).build();
    }
}
