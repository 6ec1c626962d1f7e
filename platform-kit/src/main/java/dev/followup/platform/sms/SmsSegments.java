package dev.followup.platform.sms;

/**
 * SMS segment count as carriers bill it: GSM-7 (160 septets, 153 per part when split; extension characters take
 * two) when every character is in the GSM 03.38 alphabet, else UCS-2 (70 code units, 67 per part).
 */
public final class SmsSegments {
    public enum Encoding { GSM7, UCS2 }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    public static Encoding encoding(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return Encoding.UCS2;
            }
        }
        return Encoding.GSM7;
    }

    public static int count(String body) {
        if (body.isEmpty()) {
            return 1;
        }
        if (encoding(body) == Encoding.GSM7) {
            int septets = 0;
            for (int i = 0; i < body.length(); i++) {
                septets += GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
            }
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = body.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
