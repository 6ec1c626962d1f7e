package dev.followup.lead.kafka;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** lead.merged.v1: a duplicate arrived for an existing lead (a buying signal). */
public record LeadMerged(UUID leadId, UUID dealerId, Instant mergedAt, String source, String provider,
        String sourceLeadId, List<VehicleOfInterest> vehiclesAdded, String matchedOn) {
}
