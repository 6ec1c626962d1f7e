package dev.followup.messaging.kafka;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** directory.dealer.v1 on dealer-directory: the fields messaging needs (the rest is ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
record DealerSettings(UUID dealerId, String name, String textingNumber, String messagingServiceSid,
        String contactPhone, String contactEmail, String mailingAddress, Integer sendRatePerMinute,
        Boolean optOutConfirmation, boolean killSwitch, boolean active, Instant updatedAt) {
    static final String TYPE = "directory.dealer.v1";
}
