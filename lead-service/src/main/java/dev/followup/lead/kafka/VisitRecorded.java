package dev.followup.lead.kafka;

import java.time.Instant;
import java.util.UUID;

/** lead.visit-recorded.v1 */
public record VisitRecorded(UUID leadId, UUID dealerId, UUID visitId, Instant visitedAt, UUID repId, boolean newLead) {
}
