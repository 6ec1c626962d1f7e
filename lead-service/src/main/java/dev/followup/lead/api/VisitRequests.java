package dev.followup.lead.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class VisitRequests {
    private VisitRequests() {
    }

    /** A showroom visit of a known lead. */
    public record VisitRequest(@Schema(description = "ISO-8601 instant; default now") String visitedAt,
            @Schema(format = "uuid", description = "The rep who took the customer") String repId,
            @Schema(maxLength = 2000) String notes) {
    }

    /** A walk-in who may not be a lead yet. */
    public record WalkInRequest(LeadRequest.CustomerRequest customer, List<LeadRequest.VehicleRequest> vehicles,
            @Schema(description = "ISO-8601 instant; default now") String visitedAt,
            @Schema(format = "uuid") String repId, @Schema(maxLength = 2000) String notes,
            LeadRequest.ConsentRequest consent) {
    }

    public record VisitResponse(java.util.UUID visitId, java.util.UUID leadId, boolean newLead, LeadView lead) {
    }

    public record StatusRequest(
            @Schema(enumeration = {"appointment", "sold", "lost", "reopened"}, required = true) String status,
            @Schema(description = "ISO-8601 instant; required for appointment") String appointmentAt,
            @Schema(maxLength = 500) String reason,
            @Schema(maxLength = 200, description = "Who changed it: a rep id or a name of a system") String changedBy) {
    }
}
