package dev.followup.task.api;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** A phone number the way people read it in the dealer's country: "(512) 555-0123" at home, "+52 55 1234 5678" abroad. */
final class PhoneDisplay {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneDisplay() {
    }

    static String of(String e164, String dealerCountry) {
        if (e164 == null) {
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(e164, null);
            boolean home = dealerCountry != null && dealerCountry.equalsIgnoreCase(PHONES.getRegionCodeForNumber(number));
            return PHONES.format(number, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
