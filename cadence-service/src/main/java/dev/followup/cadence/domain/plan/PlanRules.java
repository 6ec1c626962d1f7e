package dev.followup.cadence.domain.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What makes a plan acceptable: the brief's "few, well-aimed touches" turned into checks. */
public final class PlanRules {
    public static final int MAX_STEPS = 12;
    public static final Duration CALLS_ONLY_WITHIN = Duration.ofDays(14);
    public static final Duration LONGEST_OFFSET = Duration.ofDays(120);
    public static final Duration EARLIEST_APPOINTMENT_OFFSET = Duration.ofDays(-7);
    public static final Set<String> CONDITIONS = Set.of("replied", "visited");
    public static final int MAX_SUBJECT_LENGTH = 150;

    /** A rule a plan breaks, naming the field as a JSON path. */
    public record Violation(String field, String detail) {
    }

    private PlanRules() {
    }

    public static Optional<Violation> check(PlanKind kind, Plan plan) {
        if (plan == null) {
            return Optional.of(new Violation("steps", "a plan needs a body"));
        }
        if (plan.kind() != null && !plan.kind().equals(kind.key())) {
            return Optional.of(new Violation("kind", "must be '" + kind.key() + "' (the path's plan kind) or absent"));
        }
        List<Plan.Step> steps = plan.steps();
        if (steps == null || steps.isEmpty()) {
            return Optional.of(new Violation("steps", "a plan needs at least one step"));
        }
        if (steps.size() > MAX_STEPS) {
            return Optional.of(new Violation("steps", "at most " + MAX_STEPS + " touches per plan"));
        }
        Set<String> ids = new HashSet<>();
        Duration previous = null;
        for (int i = 0; i < steps.size(); i++) {
            Optional<Violation> violation = checkStep(kind, steps.get(i), "steps[" + i + "]", ids, previous);
            if (violation.isPresent()) {
                return violation;
            }
            previous = steps.get(i).offsetDuration();
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkStep(PlanKind kind, Plan.Step step, String at, Set<String> ids, Duration previous) {
        if (step == null) {
            return Optional.of(new Violation(at, "a step cannot be null"));
        }
        if (step.id() == null || !step.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
            return Optional.of(new Violation(at + ".id", "1-40 lower-case letters, digits or '-'"));
        }
        if (!ids.add(step.id())) {
            return Optional.of(new Violation(at + ".id", "duplicate step id '" + step.id() + "'"));
        }
        Duration offset;
        try {
            offset = step.offset() == null ? null : Duration.parse(step.offset());
        } catch (DateTimeParseException e) {
            offset = null;
        }
        if (offset == null) {
            return Optional.of(new Violation(at + ".offset", "an ISO-8601 duration such as PT1H or P3D"));
        }
        Duration earliest = kind == PlanKind.APPOINTMENT ? EARLIEST_APPOINTMENT_OFFSET : Duration.ZERO;
        if (offset.compareTo(earliest) < 0 || offset.compareTo(LONGEST_OFFSET) > 0) {
            return Optional.of(new Violation(at + ".offset", "must be between " + earliest + " and " + LONGEST_OFFSET));
        }
        if (previous != null && offset.compareTo(previous) < 0) {
            return Optional.of(new Violation(at + ".offset", "steps must be in time order"));
        }
        if (step.channel() == null) {
            return Optional.of(new Violation(at + ".channel", "one of text, email, call"));
        }
        Optional<Violation> channelRule = switch (step.channel()) {
            case TEXT -> text(step, at);
            case EMAIL -> email(step, at);
            case CALL -> offset.compareTo(CALLS_ONLY_WITHIN) > 0
                    ? Optional.of(new Violation(at + ".offset", "call tasks only within the first 14 days; later touches are automated texts or emails"))
                    : MessageTemplate.problem(step.template(), "a call step needs the reason shown to the rep")
                            .map(p -> new Violation(at + ".template", p));
        };
        if (channelRule.isPresent()) {
            return channelRule;
        }
        for (String condition : step.conditions()) {
            if (!CONDITIONS.contains(condition)) {
                return Optional.of(new Violation(at + ".unless", "unknown condition '" + condition + "', known: " + CONDITIONS));
            }
        }
        return holdout(step, offset, at);
    }

    /** Holdouts measure automated touches, and the first answer to a lead is never held back. */
    private static Optional<Violation> holdout(Plan.Step step, Duration offset, String at) {
        if (step.holdoutPercent() == null) {
            return Optional.empty();
        }
        if (step.holdoutPercent() < 1 || step.holdoutPercent() > Holdouts.MOST_PERCENT) {
            return Optional.of(new Violation(at + ".holdoutPercent", "between 1 and " + Holdouts.MOST_PERCENT));
        }
        if (step.channel() == Channel.CALL) {
            return Optional.of(new Violation(at + ".holdoutPercent", "only text and email steps can hold leads out"));
        }
        if (offset.isZero()) {
            return Optional.of(new Violation(at + ".holdoutPercent", "the first answer to a lead is never held out"));
        }
        return Optional.empty();
    }

    private static Optional<Violation> text(Plan.Step step, String at) {
        Optional<String> template = MessageTemplate.problem(step.template(), "a text step needs the text to send");
        if (template.isPresent()) {
            return Optional.of(new Violation(at + ".template", template.get()));
        }
        return step.subject() == null ? Optional.empty() : subject(step.subject(), at);
    }

    private static Optional<Violation> email(Plan.Step step, String at) {
        if (step.subject() == null || step.subject().isBlank()) {
            return Optional.of(new Violation(at + ".subject", "an email step needs a subject"));
        }
        Optional<Violation> subject = subject(step.subject(), at);
        if (subject.isPresent()) {
            return subject;
        }
        Optional<String> template = MessageTemplate.emailBodyProblem(step.template(), "an email step needs its plain-text body");
        if (template.isPresent()) {
            return Optional.of(new Violation(at + ".template", template.get()));
        }
        return step.html() == null ? Optional.empty()
                : MessageTemplate.htmlProblem(step.html()).map(p -> new Violation(at + ".html", p));
    }

    private static Optional<Violation> subject(String subject, String at) {
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            return Optional.of(new Violation(at + ".subject", "at most " + MAX_SUBJECT_LENGTH + " characters"));
        }
        return MessageTemplate.problem(subject, "a subject cannot be blank").map(p -> new Violation(at + ".subject", p));
    }
}
