package dev.followup.lead.kafka;

import java.time.Instant;
import java.util.UUID;

/** directory.rep.v1: the full current settings of one rep. */
public record RepDirectoryEvent(UUID repId, UUID dealerId, String name, String phone, String email,
        int dailyCallCapacity, boolean active, String role, Instant updatedAt) {
}
