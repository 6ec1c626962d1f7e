package dev.followup.task.kafka;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** directory.dealer.v1, reduced to what task-service keeps. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealerSettings(UUID dealerId, String name, String timeZone, String country, boolean active,
        Instant updatedAt) {
    public static final String TYPE = "directory.dealer.v1";
}
