package dev.followup.messaging.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** directory.dealer.v1 on dealer-directory: the fields messaging needs (the rest is ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealerSettings(UUID dealerId, String name, String textingNumber, String messagingServiceSid,
        String contactPhone, String contactEmail, boolean killSwitch, boolean active, Instant updatedAt) {
    public static final String TYPE = "directory.dealer.v1";
}
