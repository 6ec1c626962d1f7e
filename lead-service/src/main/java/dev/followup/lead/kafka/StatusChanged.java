package dev.followup.lead.kafka;

import java.time.Instant;
import java.util.UUID;

/** lead.status-changed.v1 */
public record StatusChanged(UUID leadId, UUID dealerId, String previousStatus, String status, Instant appointmentAt,
        String reason, Instant changedAt, String changedBy) {
}
