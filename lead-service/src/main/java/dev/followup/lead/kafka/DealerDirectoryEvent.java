package dev.followup.lead.kafka;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** directory.dealer.v1: the full current settings of one dealer. */
public record DealerDirectoryEvent(UUID dealerId, String name, String timeZone, String country, String postalCode,
        String state, List<BusinessHours> businessHours, String textingNumber, String messagingServiceSid,
        String contactPhone, String contactEmail, String websiteUrl, String mailingAddress, Integer sendRatePerMinute,
        String optOutScope, boolean optOutConfirmation, boolean killSwitch, boolean active, Instant updatedAt) {

    public record BusinessHours(String day, String opens, String closes) {
    }
}
