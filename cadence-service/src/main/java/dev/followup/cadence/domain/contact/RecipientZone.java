package dev.followup.cadence.domain.contact;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The recipient's time zone and whether Florida's texting rules apply: from the phone number (libphonenumber's
 * area-code map), else the US postal code (ZIP prefix table below), else the dealer's zone.
 */
public final class RecipientZone {
    /** Florida area codes (NANPA), for Florida's stricter texting rules. */
    static final Set<Integer> FLORIDA_AREA_CODES = Set.of(239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689,
            727, 728, 754, 772, 786, 813, 850, 863, 904, 941, 954);

    /**
     * First three ZIP digits -> zone, coarse by design (a ZIP prefix may straddle a zone border; the phone wins when
     * known). Ranges are inclusive; the first match applies.
     */
    private static final List<ZipRange> ZIP_ZONES = List.of(
            new ZipRange(6, 9, "America/Puerto_Rico"),
            new ZipRange(10, 299, "America/New_York"),
            new ZipRange(300, 324, "America/New_York"),
            new ZipRange(325, 325, "America/Chicago"), // Florida panhandle (Pensacola)
            new ZipRange(326, 349, "America/New_York"),
            new ZipRange(350, 369, "America/Chicago"), // Alabama
            new ZipRange(370, 385, "America/Chicago"), // Tennessee
            new ZipRange(386, 397, "America/Chicago"), // Mississippi
            new ZipRange(398, 399, "America/New_York"),
            new ZipRange(400, 427, "America/New_York"), // Kentucky
            new ZipRange(430, 459, "America/New_York"), // Ohio
            new ZipRange(460, 469, "America/Indiana/Indianapolis"),
            new ZipRange(470, 479, "America/Indiana/Indianapolis"),
            new ZipRange(480, 499, "America/Detroit"),
            new ZipRange(500, 528, "America/Chicago"), // Iowa
            new ZipRange(530, 549, "America/Chicago"), // Wisconsin
            new ZipRange(550, 567, "America/Chicago"), // Minnesota
            new ZipRange(570, 577, "America/Chicago"), // South Dakota
            new ZipRange(580, 588, "America/Chicago"), // North Dakota
            new ZipRange(590, 599, "America/Denver"), // Montana
            new ZipRange(600, 629, "America/Chicago"), // Illinois
            new ZipRange(630, 658, "America/Chicago"), // Missouri
            new ZipRange(660, 679, "America/Chicago"), // Kansas
            new ZipRange(680, 693, "America/Chicago"), // Nebraska
            new ZipRange(700, 714, "America/Chicago"), // Louisiana
            new ZipRange(716, 729, "America/Chicago"), // Arkansas
            new ZipRange(730, 749, "America/Chicago"), // Oklahoma
            new ZipRange(750, 798, "America/Chicago"), // Texas
            new ZipRange(799, 799, "America/Denver"), // El Paso
            new ZipRange(800, 816, "America/Denver"), // Colorado
            new ZipRange(820, 831, "America/Denver"), // Wyoming
            new ZipRange(832, 838, "America/Boise"), // Idaho
            new ZipRange(840, 847, "America/Denver"), // Utah
            new ZipRange(850, 865, "America/Phoenix"), // Arizona
            new ZipRange(870, 884, "America/Denver"), // New Mexico
            new ZipRange(889, 898, "America/Los_Angeles"), // Nevada
            new ZipRange(900, 961, "America/Los_Angeles"), // California
            new ZipRange(967, 968, "Pacific/Honolulu"),
            new ZipRange(970, 979, "America/Los_Angeles"), // Oregon
            new ZipRange(980, 994, "America/Los_Angeles"), // Washington
            new ZipRange(995, 999, "America/Anchorage"));

    private record ZipRange(int from, int to, String zone) {
    }

    public record Resolved(ZoneId zone, String basis, boolean florida) {
    }

    private RecipientZone() {
    }

    /**
     * @param phone E.164 or null
     * @param postalCode customer's postal code or null
     * @param dealerZone the dealer's IANA zone (the last fallback)
     * @param dealerState the dealer's two-letter state or null ("FL" applies Florida's rules to all its texts)
     */
    public static Resolved resolve(String phone, String postalCode, ZoneId dealerZone, String dealerState) {
        Optional<PhoneNumber> number = parse(phone);
        boolean florida = "FL".equals(dealerState) || number.map(RecipientZone::floridaAreaCode).orElse(false)
                || zipPrefix(postalCode).map(p -> p >= 320 && p <= 349).orElse(false);
        Optional<ZoneId> fromPhone = number.flatMap(RecipientZone::zoneOfNumber);
        if (fromPhone.isPresent()) {
            return new Resolved(fromPhone.get(), "phone", florida);
        }
        Optional<ZoneId> fromZip = zipPrefix(postalCode).flatMap(RecipientZone::zoneOfZipPrefix);
        if (fromZip.isPresent()) {
            return new Resolved(fromZip.get(), "postal code", florida);
        }
        return new Resolved(dealerZone, "dealer", florida);
    }

    static Optional<ZoneId> zoneOfNumber(PhoneNumber number) {
        List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number);
        // A number mapped to several zones (or none) does not tell us where the customer is.
        if (zones.size() != 1 || PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(zones.get(0))) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zones.get(0)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    static Optional<ZoneId> zoneOfZipPrefix(int prefix) {
        return ZIP_ZONES.stream().filter(r -> prefix >= r.from() && prefix <= r.to()).findFirst()
                .map(r -> ZoneId.of(r.zone()));
    }

    private static boolean floridaAreaCode(PhoneNumber number) {
        if (number.getCountryCode() != 1) {
            return false;
        }
        String national = String.valueOf(number.getNationalNumber());
        return national.length() == 10 && FLORIDA_AREA_CODES.contains(Integer.parseInt(national.substring(0, 3)));
    }

    private static Optional<PhoneNumber> parse(String phone) {
        if (phone == null || phone.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PhoneNumberUtil.getInstance().parse(phone, "US"));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> zipPrefix(String postalCode) {
        if (postalCode == null) {
            return Optional.empty();
        }
        String digits = postalCode.trim();
        if (!digits.matches("\\d{5}(-\\d{4})?")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(digits.substring(0, 3)));
    }
}
