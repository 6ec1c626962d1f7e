package dev.followup.lead.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.followup.lead.kafka.VehicleOfInterest;

/** A lead ready to store: contact data normalised (E.164, lower-case email), vehicles cleaned. */
public record LeadDraft(String source, String provider, String sourceLeadId, UUID assignedRepId, String firstName,
        String lastName, String phone, String phoneType, String email, String postalCode, String preferredContact,
        List<VehicleOfInterest> vehicles, String comments, String timeframe, Instant requestedAt, Consent consent) {

    public record Consent(boolean textConsent, String text, Instant capturedAt, String page, String ip) {
    }
}
