package dev.followup.cadence.domain;

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
            Plan.Step step = steps.get(i);
            String at = "steps[" + i + "]";
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
            previous = offset;
            if (!"text".equals(step.channel()) && !"call".equals(step.channel())) {
                return Optional.of(new Violation(at + ".channel", "must be 'text' or 'call'"));
            }
            if (step.isCall() && offset.compareTo(CALLS_ONLY_WITHIN) > 0) {
                return Optional.of(new Violation(at + ".offset",
                        "call tasks only within the first 14 days; later touches are automated texts"));
            }
            Optional<String> templateProblem = MessageTemplate.problem(step.template(), step.isText());
            if (templateProblem.isPresent()) {
                return Optional.of(new Violation(at + ".template", templateProblem.get()));
            }
            for (String condition : step.conditions()) {
                if (!CONDITIONS.contains(condition)) {
                    return Optional.of(new Violation(at + ".unless", "unknown condition '" + condition
                            + "', known: " + CONDITIONS));
                }
            }
        }
        return Optional.empty();
    }
}
