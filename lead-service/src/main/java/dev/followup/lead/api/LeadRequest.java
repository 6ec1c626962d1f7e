package dev.followup.lead.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.followup.lead.domain.LeadSubmission;

/** A lead as JSON: what dealer websites and lead providers POST to /leads. */
@Schema(description = "A lead. Needs a source and at least a valid phone or an email.")
public record LeadRequest(
        @Schema(description = "Where the lead came from, e.g. website, autotrader, cars.com", required = true, maxLength = 100) String source,
        @Schema(description = "Lead provider, if different from source", maxLength = 200) String provider,
        @Schema(description = "The lead's id in the source system; the same id again returns the same lead", maxLength = 200) String sourceLeadId,
        @Schema(description = "Rep to assign; without it the lead is assigned round-robin", format = "uuid") String assignedRepId,
        CustomerRequest customer,
        @Schema(maxItems = 20) List<VehicleRequest> vehicles,
        @Schema(maxLength = 10000) String comments,
        @Schema(description = "Purchase timeframe as given, e.g. 'within 2 weeks'", maxLength = 200) String timeframe,
        @Schema(description = "When the customer made the request, ISO-8601 preferred (a local time is read in the dealer's zone); unreadable dates are ignored") String requestedAt,
        ConsentRequest consent) {

    public record CustomerRequest(
            @Schema(maxLength = 100) String firstName,
            @Schema(maxLength = 100) String lastName,
            @Schema(description = "Used when first and last name are missing; split at the last space") String fullName,
            @Schema(description = "One phone, any usual format; read with the dealer's country as default region") String phone,
            @Schema(enumeration = {"mobile", "home", "work", "unknown"}) String phoneType,
            @Schema(description = "Several phones; the preferred one, else the first mobile, becomes the lead's phone") List<PhoneRequest> phones,
            String email,
            @Schema(maxLength = 16) String postalCode,
            @Schema(enumeration = {"text", "phone", "email"}) String preferredContact) {
    }

    public record PhoneRequest(String number, @Schema(enumeration = {"mobile", "home", "work", "unknown"}) String type,
            Boolean preferred) {
    }

    public record VehicleRequest(Integer year, String make, String model, String trim,
            @Schema(description = "Kept in the raw document; published only when 17 valid characters") String vin,
            String stock, BigDecimal price,
            @Schema(enumeration = {"new", "used", "certified"}) String condition,
            @Schema(enumeration = {"buy", "lease", "trade-in", "test-drive"}) String interest) {
    }

    public record ConsentRequest(@Schema(required = true) Boolean textConsent, @Schema(maxLength = 2000) String text,
            @Schema(description = "ISO-8601 instant") String capturedAt, @Schema(maxLength = 2000) String page,
            @Schema(maxLength = 45) String ip) {
    }

    LeadSubmission toSubmission() {
        CustomerRequest c = customer != null ? customer
                : new CustomerRequest(null, null, null, null, null, null, null, null, null);
        List<LeadSubmission.PhoneInput> phones = new ArrayList<>();
        if (c.phone() != null) {
            phones.add(new LeadSubmission.PhoneInput(c.phone(), c.phoneType(), false, "customer.phone"));
        }
        if (c.phones() != null) {
            for (int i = 0; i < c.phones().size(); i++) {
                PhoneRequest p = c.phones().get(i);
                if (p != null) {
                    phones.add(new LeadSubmission.PhoneInput(p.number(), p.type(), Boolean.TRUE.equals(p.preferred()),
                            "customer.phones[" + i + "].number"));
                }
            }
        }
        List<LeadSubmission.EmailInput> emails = c.email() == null ? List.of()
                : List.of(new LeadSubmission.EmailInput(c.email(), "customer.email"));
        List<LeadSubmission.VehicleInput> vehicleInputs = new ArrayList<>();
        if (vehicles != null) {
            for (int i = 0; i < vehicles.size(); i++) {
                VehicleRequest v = vehicles.get(i);
                if (v != null) {
                    vehicleInputs.add(new LeadSubmission.VehicleInput(v.year() == null ? null : v.year().toString(),
                            v.make(), v.model(), v.trim(), v.vin(), v.stock(),
                            v.price() == null ? null : v.price().toPlainString(), v.condition(), v.interest(),
                            "vehicles[" + i + "]"));
                }
            }
        }
        LeadSubmission.ConsentInput consentInput = consent == null ? null
                : new LeadSubmission.ConsentInput(consent.textConsent(), consent.text(), consent.capturedAt(),
                        consent.page(), consent.ip());
        return new LeadSubmission("", true, source, provider, sourceLeadId, assignedRepId, c.firstName(), c.lastName(),
                c.fullName(), phones, emails, c.postalCode(), c.preferredContact(), vehicleInputs, comments, timeframe,
                requestedAt, consentInput);
    }
}
