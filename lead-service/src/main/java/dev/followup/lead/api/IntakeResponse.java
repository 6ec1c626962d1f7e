package dev.followup.lead.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to one lead of an intake request. */
public record IntakeResponse(
        @Schema(enumeration = {"created", "merged", "replayed"}, description = "created: a new lead; merged: a duplicate of an open lead, recorded on it; replayed: this request was seen before, the lead it produced") String outcome,
        UUID leadId, LeadView lead) {

    /** The answer to an ADF document: one entry per prospect, in document order. */
    public record Document(List<IntakeResponse> leads) {
    }
}
