package dev.followup.lead.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.followup.lead.domain.ApiKey;
import dev.followup.lead.domain.Dealer;
import dev.followup.lead.domain.Directory;
import dev.followup.lead.domain.Rep;
import dev.followup.lead.kafka.DealerDirectoryEvent;

/** Bodies and answers of the admin API (dealers, reps, API keys). */
public final class AdminRequests {
    private AdminRequests() {
    }

    public record DealerRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 64) @Schema(description = "IANA zone, e.g. America/Chicago") String timeZone,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "ISO 3166-1 alpha-2, upper case") String country,
            @Size(max = 16) String postalCode,
            @Pattern(regexp = "[A-Z]{2}", message = "two-letter state code, upper case") String state,
            @Valid @Size(max = 21) List<HoursRequest> businessHours,
            @Schema(description = "E.164 or national format of the dealer's country") String textingNumber,
            @Pattern(regexp = "MG[0-9a-f]{32}", message = "a Twilio Messaging Service SID (MG + 32 hex)") String messagingServiceSid,
            String contactPhone,
            @Size(max = 254) @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "an email address") String contactEmail,
            @Size(max = 2000) String websiteUrl,
            @Size(max = 300) @Schema(description = "Postal address printed in every email's footer (CAN-SPAM)") String mailingAddress,
            @Min(1) @Max(6000) @Schema(description = "Texts per minute the dealer's number takes; default: the platform's") Integer sendRatePerMinute,
            @Pattern(regexp = "all-channels|channel", message = "all-channels or channel")
            @Schema(description = "What an opt-out stops: all-channels (default) or channel") String optOutScope,
            @Schema(description = "true: confirm a new text opt-out once (plain numbers); default false") Boolean optOutConfirmation,
            @Schema(description = "true: stop all texting for this dealer at once; default false") Boolean killSwitch,
            @Schema(description = "default true") Boolean active) {
    }

    public record HoursRequest(
            @NotNull @Pattern(regexp = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY", message = "a day such as MONDAY") String day,
            @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "HH:mm") String opens,
            @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "HH:mm") String closes) {
    }

    public record DealerView(UUID id, String name, String timeZone, String country, String postalCode, String state,
            List<DealerDirectoryEvent.BusinessHours> businessHours, String textingNumber, String messagingServiceSid,
            String contactPhone, String contactEmail, String websiteUrl, String mailingAddress, Integer sendRatePerMinute,
            String optOutScope, boolean optOutConfirmation, boolean killSwitch, boolean active, Instant createdAt,
            Instant updatedAt) {
        static DealerView of(Dealer d, Directory directory) {
            return new DealerView(d.id, d.name, d.timeZone, d.country, d.postalCode, d.state, directory.businessHours(d),
                    d.textingNumber, d.messagingServiceSid, d.contactPhone, d.contactEmail, d.websiteUrl, d.mailingAddress,
                    d.sendRatePerMinute, d.optOutScope == null ? "all-channels" : d.optOutScope, d.optOutConfirmation,
                    d.killSwitch, d.active, d.createdAt, d.updatedAt);
        }
    }

    public record RepRequest(
            @NotBlank @Size(max = 200) String name,
            String phone,
            @Size(max = 254) @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "an email address") String email,
            @NotNull @Min(0) @Max(500) Integer dailyCallCapacity,
            @Schema(description = "default true") Boolean active,
            @Pattern(regexp = "rep|manager", message = "rep or manager") @Schema(description = "default rep") String role) {
    }

    public record RepView(UUID id, UUID dealerId, String name, String phone, String email, int dailyCallCapacity,
            boolean active, String role, Instant createdAt, Instant updatedAt) {
        static RepView of(Rep r) {
            return new RepView(r.id, r.dealerId, r.name, r.phone, r.email, r.dailyCallCapacity, r.active, r.role,
                    r.createdAt, r.updatedAt);
        }
    }

    public record ApiKeyRequest(@Size(max = 200) String label,
            @Min(1) @Max(100_000) @Schema(description = "Override of followup.rate-limit.per-second for this key") Integer ratePerSecond,
            @Min(1) @Max(100_000) @Schema(description = "Override of followup.rate-limit.burst for this key") Integer burst) {
    }

    public record ApiKeyView(UUID id, UUID dealerId, String prefix, String label, Integer ratePerSecond, Integer burst,
            Instant createdAt, Instant revokedAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id, k.dealerId, k.prefix, k.label, k.ratePerSecond, k.burst, k.createdAt, k.revokedAt);
        }
    }

    public record CreatedApiKey(@Schema(description = "The key itself: shown only in this answer") String key,
            ApiKeyView apiKey) {
    }
}
