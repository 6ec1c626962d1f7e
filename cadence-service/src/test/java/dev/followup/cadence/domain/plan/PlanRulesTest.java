package dev.followup.cadence.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PlanRulesTest {
    private final Map<PlanKind, Plan> defaults = PlanCatalog.loadDefaults(new ObjectMapper());

    @Test
    void defaultNewLeadPlanIsFrontLoadedWithCallsOnlyInTwoWeeksAndSparseTextsToDay60() {
        Plan plan = defaults.get(PlanKind.NEW_LEAD);
        List<Plan.Step> steps = plan.steps();
        assertThat(steps.get(0).offsetDuration()).isZero();
        assertThat((steps.get(0).channel() == Channel.TEXT)).isTrue();
        assertThat(steps).hasSizeBetween(5, 10);
        long within72h = steps.stream().filter(s -> s.offsetDuration().compareTo(Duration.ofHours(72)) <= 0).count();
        long within14d = steps.stream().filter(s -> s.offsetDuration().compareTo(Duration.ofDays(14)) <= 0).count();
        assertThat(within72h).isGreaterThanOrEqualTo(4);
        assertThat(within14d).isGreaterThanOrEqualTo(within72h + 2);
        assertThat(steps.stream().filter(s -> s.channel() == Channel.CALL))
                .allSatisfy(s -> assertThat(s.offsetDuration()).isLessThanOrEqualTo(Duration.ofDays(14)));
        assertThat(steps.stream().filter(s -> s.offsetDuration().compareTo(Duration.ofDays(14)) > 0))
                .isNotEmpty().allSatisfy(s -> assertThat(s.channel()).isEqualTo(Channel.TEXT));
        assertThat(steps.get(steps.size() - 1).offsetDuration()).isBetween(Duration.ofDays(45), Duration.ofDays(75));
    }

    @Test
    void postVisitPlanThanksTheSameDayAndCallsWithin72Hours() {
        List<Plan.Step> steps = defaults.get(PlanKind.POST_VISIT).steps();
        assertThat((steps.get(0).channel() == Channel.TEXT)).isTrue();
        assertThat(steps.get(0).offsetDuration()).isLessThanOrEqualTo(Duration.ofHours(3));
        assertThat(steps.stream().filter(s -> s.channel() == Channel.CALL).findFirst().orElseThrow().offsetDuration())
                .isLessThanOrEqualTo(Duration.ofHours(72));
    }

    @Test
    void everyDefaultPlanPassesTheRules() {
        defaults.forEach((kind, plan) -> assertThat(PlanRules.check(kind, plan)).as(kind.key()).isEmpty());
    }

    @Test
    void emailFirstPlanEmailsAtOnceAndKeepsCallsInTheFirstTwoWeeks() {
        List<Plan.Step> steps = defaults.get(PlanKind.EMAIL_FIRST).steps();
        assertThat(steps.get(0).channel()).isEqualTo(Channel.EMAIL);
        assertThat(steps.get(0).offsetDuration()).isZero();
        assertThat(steps).filteredOn(s -> s.channel() == Channel.EMAIL).allSatisfy(s -> assertThat(s.subject()).isNotBlank());
        assertThat(steps).filteredOn(s -> s.channel() == Channel.CALL)
                .allSatisfy(s -> assertThat(s.offsetDuration()).isLessThanOrEqualTo(Duration.ofDays(14)));
    }

    @Test
    void violationsNameTheField() {
        assertThat(PlanRules.check(PlanKind.NEW_LEAD, new Plan(null, List.of())).orElseThrow().field()).isEqualTo("steps");
        assertThat(violation(step("late-call", "P20D", Channel.CALL, "call them")))
                .isEqualTo(new PlanRules.Violation("steps[1].offset",
                        "call tasks only within the first 14 days; later touches are automated texts or emails"));
        assertThat(violation(step("x", "soon", Channel.TEXT, "hi")).field()).isEqualTo("steps[1].offset");
        assertThat(violation(step("x", "P1D", null, "hi")).field()).isEqualTo("steps[1].channel");
        assertThat(violation(step("x", "P1D", Channel.EMAIL, "hi")))
                .isEqualTo(new PlanRules.Violation("steps[1].subject", "an email step needs a subject"));
        assertThat(violation(new Plan.Step("x", "P1D", Channel.EMAIL, "hi", "Hello {firstName}", "<p>hi</p><script>x</script>", null, null))
                .field()).isEqualTo("steps[1].html");
        assertThat(violation(new Plan.Step("x", "P1D", Channel.EMAIL, "Hi,\n\nsee you", "About {vehicle}", null, null, null)))
                .as("line breaks are fine in an email body").isNull();
        assertThat(violation(step("first", "P1D", Channel.TEXT, "hi")).detail()).contains("duplicate");
        assertThat(violation(step("x", "P1D", Channel.TEXT, "hi {lastName}")).field()).isEqualTo("steps[1].template");
        assertThat(violation(step("x", "P1D", Channel.TEXT, "line\nbreak")).field()).isEqualTo("steps[1].template");
        assertThat(violation(step("x", "P1D", Channel.TEXT, "")).field()).isEqualTo("steps[1].template");
        assertThat(violation(new Plan.Step("x", "P1D", Channel.TEXT, "hi", null, null, List.of("bought"), null)).field())
                .isEqualTo("steps[1].unless");
        assertThat(violation(step("x", "-PT1H", Channel.TEXT, "hi")).field()).isEqualTo("steps[1].offset");
        assertThat(violation(heldOut("x", "P1D", Channel.TEXT, 10))).as("a text step may hold out 10 %").isNull();
        assertThat(violation(heldOut("x", "P1D", Channel.TEXT, 51)))
                .isEqualTo(new PlanRules.Violation("steps[1].holdoutPercent", "between 1 and 50"));
        assertThat(violation(heldOut("x", "P1D", Channel.TEXT, 0)).field()).isEqualTo("steps[1].holdoutPercent");
        assertThat(violation(heldOut("x", "P1D", Channel.CALL, 10)).detail()).contains("only text and email");
        assertThat(PlanRules.check(PlanKind.NEW_LEAD, new Plan(null, List.of(heldOut("hello", "PT0S", Channel.TEXT, 10))))
                .orElseThrow().detail()).contains("first answer");
        assertThat(PlanRules.check(PlanKind.APPOINTMENT, new Plan("appointment",
                List.of(step("r", "-PT2H", Channel.TEXT, "see you"))))).isEmpty();
        List<Plan.Step> tooMany = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            tooMany.add(step("s" + i, "P" + i + "D", Channel.TEXT, "hi"));
        }
        assertThat(PlanRules.check(PlanKind.NEW_LEAD, new Plan(null, tooMany)).orElseThrow().detail()).contains("at most 12");
    }

    private static Plan.Step heldOut(String id, String offset, Channel channel, int percent) {
        return new Plan.Step(id, offset, channel, "hi", null, null, null, percent);
    }

    private static Plan.Step step(String id, String offset, Channel channel, String template) {
        return new Plan.Step(id, offset, channel, template, null, null, null, null);
    }

    private PlanRules.Violation violation(Plan.Step second) {
        return PlanRules.check(PlanKind.NEW_LEAD, new Plan("new-lead",
                List.of(step("first", "PT0S", Channel.TEXT, "hello {firstName}"), second))).orElse(null);
    }
}
