package dev.followup.cadence.domain.plan;

import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.followup.platform.sms.SmsSegments;

/**
 * Renders a step's templates with the customer's first name, vehicle, rep and dealer. Values are cleaned (no
 * control characters, no line breaks, bounded length) so that lead data cannot reshape a message; in HTML they are
 * escaped as well. A missing value falls back to a neutral phrase. The first text of a lead always carries the
 * opt-out wording.
 */
public final class MessageTemplate {
    public static final String OPT_OUT_WORDING = "Reply STOP to opt out.";
    public static final int MAX_TEMPLATE_LENGTH = 640;
    public static final int MAX_EMAIL_BODY_LENGTH = 4000;
    public static final int MAX_HTML_LENGTH = 20_000;
    public static final int MAX_BODY_LENGTH = 1600;
    static final Set<String> PLACEHOLDERS = Set.of("firstName", "vehicle", "rep", "dealer");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    private static final Pattern UNSAFE_MULTILINE = Pattern.compile("[\\p{Cf}\\p{Zl}\\p{Zp}&&[^\\n]]|[\\p{Cc}&&[^\\n\\r\\t]]");

    /** What a template is filled with; any value may be null. */
    public record Values(String firstName, String vehicle, String rep, String dealer) {
    }

    public record Rendered(String body, int segments, SmsSegments.Encoding encoding) {
    }

    public record RenderedEmail(String subject, String text, String html) {
    }

    private MessageTemplate() {
    }

    /** @return why a one-line template (text body, subject, task reason) is unusable, or empty when it is fine */
    public static Optional<String> problem(String template, String whenMissing) {
        return problem(template, whenMissing, MAX_TEMPLATE_LENGTH, UNSAFE);
    }

    /** The plain-text body of an email: line breaks allowed. */
    public static Optional<String> emailBodyProblem(String template, String whenMissing) {
        return problem(template, whenMissing, MAX_EMAIL_BODY_LENGTH, UNSAFE_MULTILINE);
    }

    public static Optional<String> htmlProblem(String html) {
        if (html.toLowerCase().contains("<script")) {
            return Optional.of("scripts are not allowed in an email");
        }
        return problem(html, "the HTML body cannot be blank", MAX_HTML_LENGTH, UNSAFE_MULTILINE);
    }

    private static Optional<String> problem(String template, String whenMissing, int maxLength, Pattern unsafe) {
        if (template == null || template.isBlank()) {
            return Optional.of(whenMissing);
        }
        if (template.length() > maxLength) {
            return Optional.of("at most " + maxLength + " characters");
        }
        if (unsafe.matcher(template).find()) {
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

    /** A text (or a task reason): one line, bounded, with the opt-out wording on a lead's first text. */
    public static Rendered render(String template, Values values, boolean firstText) {
        String body = fill(template, values, UnaryOperator.identity()).replaceAll("\\s+", " ").trim();
        if (firstText && !body.toLowerCase().contains("reply stop")) {
            body = body + " " + OPT_OUT_WORDING;
        }
        if (body.length() > MAX_BODY_LENGTH) {
            body = body.substring(0, MAX_BODY_LENGTH);
        }
        return new Rendered(body, SmsSegments.count(body), SmsSegments.encoding(body));
    }

    /**
     * An email: subject on one line, the plain text as written, and HTML either from the step's own HTML template
     * (values escaped) or from the plain text, paragraph by paragraph.
     */
    public static RenderedEmail renderEmail(String subject, String text, String html, Values values) {
        String renderedSubject = fill(subject, values, UnaryOperator.identity()).replaceAll("\\s+", " ").trim();
        String renderedText = fill(text, values, UnaryOperator.identity()).replace("\r\n", "\n").strip();
        String renderedHtml = html != null ? fill(html, values, MessageTemplate::escapeHtml) : paragraphs(renderedText);
        return new RenderedEmail(renderedSubject, renderedText, renderedHtml);
    }

    private static String fill(String template, Values values, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value(m.group(1), values))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            html.append("<p>").append(escapeHtml(paragraph.strip()).replace("\n", "<br>")).append("</p>");
        }
        return html.toString();
    }

    public static String escapeHtml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
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

    public static Optional<String> clean(String value, int maxLength) {
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
