package dev.followup.lead.domain;

import java.util.List;

/**
 * One lead as a client sent it, before normalisation: from the JSON body or from one ADF prospect. Values are
 * text as received; {@code strict} (JSON) refuses unknown enum values and unreadable numbers, lenient (ADF) drops
 * them, as real feeds send them. Field names locate problems in the request.
 */
public record LeadSubmission(String fieldPrefix, boolean strict, String source, String provider, String sourceLeadId,
        String assignedRepId, String firstName, String lastName, String fullName, List<PhoneInput> phones,
        List<EmailInput> emails, String postalCode, String preferredContact, List<VehicleInput> vehicles,
        String comments, String timeframe, String requestedAt, ConsentInput consent) {

    public record PhoneInput(String number, String type, boolean preferred, String field) {
    }

    public record EmailInput(String address, String field) {
    }

    public record VehicleInput(String year, String make, String model, String trim, String vin, String stock,
            String price, String condition, String interest, String field) {
    }

    public record ConsentInput(Boolean textConsent, String text, String capturedAt, String page, String ip) {
    }
}
