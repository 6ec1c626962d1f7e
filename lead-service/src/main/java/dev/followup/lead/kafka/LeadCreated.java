package dev.followup.lead.kafka;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** lead.created.v1 */
public record LeadCreated(UUID leadId, UUID dealerId, String source, String provider, String sourceLeadId,
        UUID assignedRepId, Customer customer, List<VehicleOfInterest> vehicles, String timeframe, Consent consent,
        Instant requestedAt, Instant receivedAt) {

    public record Customer(String firstName, String lastName, String phone, String phoneType, String email,
            String postalCode, String preferredContact) {
    }

    public record Consent(boolean textConsent, String text, Instant capturedAt, String page, String ip) {
    }
}
