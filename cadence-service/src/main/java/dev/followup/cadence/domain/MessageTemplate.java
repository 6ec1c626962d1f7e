package dev.followup.cadence.domain;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a step's template with the customer's first name, vehicle, rep and dealer. Values are cleaned (no
 * control characters, no line breaks, bounded length) so that lead data cannot reshape a text; a missing value
 * falls back to a neutral phrase. The first text of a lead always carries the opt-out wording.
 */
public final class MessageTemplate {
    public static final String OPT_OUT_WORDING = "Reply STOP to opt out.";
    public static final int MAX_TEMPLATE_LENGTH = 640;
    public static final int MAX_BODY_LENGTH = 1600;
    static final Set<String> PLACEHOLDERS = Set.of("firstName", "vehicle", "rep", "dealer");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    /** What a template is filled with; any value may be null. */
    public record Values(String firstName, String vehicle, String rep, String dealer) {
    }

    public record Rendered(String body, int segments, SmsSegments.Encoding encoding) {
    }

    private MessageTemplate() {
    }

    /** @return why the template is unusable, or empty when it is fine */
    public static Optional<String> problem(String template, boolean text) {
        if (template == null || template.isBlank()) {
            return Optional.of(text ? "a text step needs the text to send" : "a call step needs the reason shown to the rep");
        }
        if (template.length() > MAX_TEMPLATE_LENGTH) {
            return Optional.of("at most " + MAX_TEMPLATE_LENGTH + " characters");
        }
        if (UNSAFE.matcher(template).find()) {
            return Optional.of("control characters are not allowed");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                return Optional.of("unknown placeholder {" + m.group(1) + "}, known: " + PLACEHOLDERS);
            }
        }
        return Optional.empty();
    }

    public static Rendered render(String template, Values values, boolean firstText) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), values)));
        }
        m.appendTail(out);
        String body = out.toString().replaceAll("\\s+", " ").trim();
        if (firstText && !body.toLowerCase().contains("reply stop")) {
            body = body + " " + OPT_OUT_WORDING;
        }
        if (body.length() > MAX_BODY_LENGTH) {
            body = body.substring(0, MAX_BODY_LENGTH);
        }
        return new Rendered(body, SmsSegments.count(body), SmsSegments.encoding(body));
    }

    private static String value(String name, Values values) {
        return switch (name) {
            case "firstName" -> clean(values.firstName(), 40).orElse("there");
            case "vehicle" -> clean(values.vehicle(), 80).orElse("the vehicle you asked about");
            case "rep" -> clean(values.rep(), 60).orElse("our team");
            case "dealer" -> clean(values.dealer(), 80).orElse("the dealership");
            default -> "";
        };
    }

    static Optional<String> clean(String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        String cleaned = UNSAFE.matcher(value).replaceAll(" ").replace("{", "").replace("}", "")
                .replaceAll("\\s+", " ").trim();
        if (cleaned.length() > maxLength) {
            cleaned = cleaned.substring(0, maxLength).trim();
        }
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }
}
