package dev.followup.lead.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.followup.lead.domain.LeadSubmission.ConsentInput;
import dev.followup.lead.domain.LeadSubmission.EmailInput;
import dev.followup.lead.domain.LeadSubmission.PhoneInput;
import dev.followup.lead.domain.LeadSubmission.VehicleInput;
import dev.followup.lead.kafka.VehicleOfInterest;
import dev.followup.platform.api.ProblemException;

/**
 * Turns a {@link LeadSubmission} into a {@link LeadDraft}: phones to E.164 with the dealer's country as default
 * region, emails lower-cased, VINs upper-cased (dropped unless 17 valid characters), dates read leniently in the
 * dealer's zone, lengths checked against the event contract. A phone that cannot be a phone is refused, and so is
 * a lead with no phone and no email: nobody could follow it up.
 */
public final class LeadNormalizer {
    public static final int MAX_VEHICLES = 20;
    public static final int MAX_COMMENTS = 10_000;
    private static final Pattern VIN = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Map<String, String> PHONE_TYPES = Map.ofEntries(
            Map.entry("mobile", "mobile"), Map.entry("cell", "mobile"), Map.entry("cellphone", "mobile"),
            Map.entry("cell phone", "mobile"), Map.entry("home", "home"), Map.entry("work", "work"),
            Map.entry("office", "work"), Map.entry("voice", "unknown"), Map.entry("unknown", "unknown"));
    private static final Map<String, String> INTERESTS = Map.of("buy", "buy", "lease", "lease", "trade-in", "trade-in",
            "tradein", "trade-in", "trade", "trade-in", "sell", "trade-in", "test-drive", "test-drive", "testdrive",
            "test-drive");
    private static final Map<String, String> CONDITIONS = Map.of("new", "new", "used", "used", "certified", "certified",
            "cpo", "certified", "certified pre-owned", "certified", "pre-owned", "used", "preowned", "used");

    private LeadNormalizer() {
    }

    public static LeadDraft normalize(LeadSubmission in, String dealerCountry, ZoneId dealerZone) {
        String p = in.fieldPrefix();
        String source = lower(trim(in.source()));
        if (source == null) {
            throw ProblemException.badRequest(p + "source", "source is required (e.g. website, autotrader, cars.com)");
        }
        maxLength(source, 100, p + "source");
        String provider = maxLength(trim(in.provider()), 200, p + "provider");
        String sourceLeadId = maxLength(trim(in.sourceLeadId()), 200, p + "sourceLeadId");
        UUID assignedRepId = uuid(trim(in.assignedRepId()), p + "assignedRepId");

        String first = trim(in.firstName());
        String last = trim(in.lastName());
        if (first == null && last == null && trim(in.fullName()) != null) {
            PersonNames.Split split = PersonNames.split(in.fullName());
            first = split.first();
            last = split.last();
        }
        maxLength(first, 100, p + "customer.firstName");
        maxLength(last, 100, p + "customer.lastName");

        PhoneChoice phone = choosePhone(in, dealerCountry);
        String email = chooseEmail(in);
        if (phone == null && email == null) {
            throw ProblemException.unprocessable(p + "customer",
                    "the lead has no valid phone and no email: nobody could follow it up");
        }
        String postalCode = maxLength(trim(in.postalCode()), 16, p + "customer.postalCode");
        String preferredContact = enumValue(in.preferredContact(), Map.of("text", "text", "sms", "text", "phone",
                "phone", "call", "phone", "email", "email"), in.strict(), p + "customer.preferredContact");

        List<VehicleInput> vehicleInputs = in.vehicles() == null ? List.of() : in.vehicles();
        if (vehicleInputs.size() > MAX_VEHICLES) {
            throw ProblemException.badRequest(p + "vehicles", "at most " + MAX_VEHICLES + " vehicles per lead");
        }
        List<VehicleOfInterest> vehicles = new ArrayList<>();
        for (VehicleInput v : vehicleInputs) {
            vehicles.add(vehicle(v, in.strict()));
        }
        String comments = maxLength(trim(in.comments()), MAX_COMMENTS, p + "comments");
        String timeframe = maxLength(trim(in.timeframe()), 200, p + "timeframe");
        Instant requestedAt = LenientDates.parse(in.requestedAt(), dealerZone).orElse(null);
        LeadDraft.Consent consent = consent(in.consent(), p, dealerZone);

        return new LeadDraft(source, provider, sourceLeadId, assignedRepId, first, last,
                phone == null ? null : phone.e164(), phone == null ? null : phone.type(), email, postalCode,
                preferredContact, List.copyOf(vehicles), comments, timeframe, requestedAt, consent);
    }

    private record PhoneChoice(String e164, String type, boolean preferred) {
    }

    /** Every phone given must be a phone; the preferred one wins, else the first mobile, else the first. */
    private static PhoneChoice choosePhone(LeadSubmission in, String dealerCountry) {
        List<PhoneChoice> phones = new ArrayList<>();
        for (PhoneInput phone : in.phones() == null ? List.<PhoneInput>of() : in.phones()) {
            String raw = trim(phone.number());
            if (raw == null) {
                continue;
            }
            String type = enumValue(phone.type(), PHONE_TYPES, in.strict(), typeFieldOf(phone.field()));
            if (type == null && phone.type() != null && isFaxOrPager(phone.type())) {
                continue;
            }
            String e164 = PhoneNumbers.toE164(raw, dealerCountry).orElseThrow(() -> ProblemException
                    .badRequest(phone.field(), "'" + mask(raw) + "' is not a valid phone number for region " + dealerCountry));
            phones.add(new PhoneChoice(e164, type == null ? "unknown" : type, phone.preferred()));
        }
        return phones.stream().filter(PhoneChoice::preferred).findFirst()
                .or(() -> phones.stream().filter(ph -> "mobile".equals(ph.type())).findFirst())
                .or(() -> phones.stream().findFirst()).orElse(null);
    }

    private static String typeFieldOf(String phoneField) {
        return phoneField.endsWith(".number") ? phoneField.substring(0, phoneField.length() - ".number".length()) + ".type"
                : phoneField + "Type";
    }

    private static boolean isFaxOrPager(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        return t.equals("fax") || t.equals("pager");
    }

    private static String chooseEmail(LeadSubmission in) {
        String chosen = null;
        for (EmailInput email : in.emails() == null ? List.<EmailInput>of() : in.emails()) {
            String address = lower(trim(email.address()));
            if (address == null) {
                continue;
            }
            if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
                throw ProblemException.badRequest(email.field(), "not a valid email address");
            }
            if (chosen == null) {
                chosen = address;
            }
        }
        return chosen;
    }

    private static VehicleOfInterest vehicle(VehicleInput v, boolean strict) {
        String f = v.field() + ".";
        Integer year = null;
        String rawYear = trim(v.year());
        if (rawYear != null) {
            try {
                year = Integer.parseInt(rawYear);
            } catch (NumberFormatException e) {
                year = null;
            }
            if (year == null || year < 1900 || year > 2100) {
                if (strict) {
                    throw ProblemException.badRequest(f + "year", "year must be between 1900 and 2100");
                }
                year = null;
            }
        }
        BigDecimal price = null;
        String rawPrice = trim(v.price());
        if (rawPrice != null) {
            try {
                price = new BigDecimal(rawPrice.replaceAll("[$,\\s]|USD", ""));
            } catch (NumberFormatException e) {
                price = null;
            }
            if (price == null || price.signum() < 0) {
                if (strict) {
                    throw ProblemException.badRequest(f + "price", "price must be a number of at least 0");
                }
                price = null;
            }
        }
        String vin = upper(trim(v.vin()));
        if (vin != null && !VIN.matcher(vin).matches()) {
            vin = null; // kept in the raw document only (contract: producers drop an invalid VIN)
        }
        return new VehicleOfInterest(year, maxLength(trim(v.make()), 100, f + "make"),
                maxLength(trim(v.model()), 100, f + "model"), maxLength(trim(v.trim()), 100, f + "trim"), vin,
                maxLength(trim(v.stock()), 50, f + "stock"), price,
                enumValue(v.condition(), CONDITIONS, strict, f + "condition"),
                enumValue(v.interest(), INTERESTS, strict, f + "interest"));
    }

    private static LeadDraft.Consent consent(ConsentInput c, String p, ZoneId zone) {
        if (c == null) {
            return null;
        }
        if (c.textConsent() == null) {
            boolean anyEvidence = trim(c.text()) != null || trim(c.page()) != null || trim(c.capturedAt()) != null;
            if (!anyEvidence) {
                return null;
            }
            throw ProblemException.badRequest(p + "consent.textConsent", "consent evidence needs textConsent true or false");
        }
        return new LeadDraft.Consent(c.textConsent(), maxLength(trim(c.text()), 2000, p + "consent.text"),
                LenientDates.parse(c.capturedAt(), zone).orElse(null),
                maxLength(trim(c.page()), 2000, p + "consent.page"), maxLength(trim(c.ip()), 45, p + "consent.ip"));
    }

    private static String enumValue(String raw, Map<String, String> allowed, boolean strict, String field) {
        String value = lower(trim(raw));
        if (value == null) {
            return null;
        }
        String mapped = allowed.get(value);
        if (mapped == null && strict) {
            throw ProblemException.badRequest(field, "'" + raw + "' is not one of " + allowed.values().stream().distinct().sorted().toList());
        }
        return mapped;
    }

    private static UUID uuid(String raw, String field) {
        if (raw == null) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "not a rep id (UUID)");
        }
    }

    static String maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw ProblemException.badRequest(field, "at most " + max + " characters");
        }
        return value;
    }

    /** Shows the shape of a refused number without logging or echoing it whole. */
    private static String mask(String raw) {
        return raw.length() <= 4 ? "****" : "****" + raw.substring(raw.length() - 2);
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    public static Optional<String> normalizedEmail(String raw) {
        String address = lower(trim(raw));
        return address != null && address.length() <= 254 && EMAIL.matcher(address).matches() ? Optional.of(address)
                : Optional.empty();
    }
}
