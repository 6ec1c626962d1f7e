package dev.followup.task.kafka;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** directory.rep.v1, reduced to what task-service keeps (no phone or email). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepSettings(UUID repId, UUID dealerId, String name, String role, boolean active, Instant updatedAt) {
    public static final String TYPE = "directory.rep.v1";
}
