package dev.followup.lead.domain;

/** Splits a full name ("Mary Ann Smith", "Smith, John") when a feed sends no first/last parts. */
public final class PersonNames {
    private PersonNames() {
    }

    public record Split(String first, String last) {
    }

    public static Split split(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return new Split(null, null);
        }
        String name = fullName.trim().replaceAll("\\s+", " ");
        int comma = name.indexOf(',');
        if (comma > 0) {
            return new Split(emptyToNull(name.substring(comma + 1).trim()), emptyToNull(name.substring(0, comma).trim()));
        }
        int lastSpace = name.lastIndexOf(' ');
        if (lastSpace < 0) {
            return new Split(name, null);
        }
        return new Split(name.substring(0, lastSpace), name.substring(lastSpace + 1));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
