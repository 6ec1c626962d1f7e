package dev.followup.cadence.domain;

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
        assertThat(steps.get(0).isText()).isTrue();
        assertThat(steps).hasSizeBetween(5, 10);
        long within72h = steps.stream().filter(s -> s.offsetDuration().compareTo(Duration.ofHours(72)) <= 0).count();
        long within14d = steps.stream().filter(s -> s.offsetDuration().compareTo(Duration.ofDays(14)) <= 0).count();
        assertThat(within72h).isGreaterThanOrEqualTo(4);
        assertThat(within14d).isGreaterThanOrEqualTo(within72h + 2);
        assertThat(steps.stream().filter(Plan.Step::isCall))
                .allSatisfy(s -> assertThat(s.offsetDuration()).isLessThanOrEqualTo(Duration.ofDays(14)));
        assertThat(steps.stream().filter(s -> s.offsetDuration().compareTo(Duration.ofDays(14)) > 0))
                .isNotEmpty().allSatisfy(s -> assertThat(s.isText()).isTrue());
        assertThat(steps.get(steps.size() - 1).offsetDuration()).isBetween(Duration.ofDays(45), Duration.ofDays(75));
    }

    @Test
    void postVisitPlanThanksTheSameDayAndCallsWithin72Hours() {
        List<Plan.Step> steps = defaults.get(PlanKind.POST_VISIT).steps();
        assertThat(steps.get(0).isText()).isTrue();
        assertThat(steps.get(0).offsetDuration()).isLessThanOrEqualTo(Duration.ofHours(3));
        assertThat(steps.stream().filter(Plan.Step::isCall).findFirst().orElseThrow().offsetDuration())
                .isLessThanOrEqualTo(Duration.ofHours(72));
    }

    @Test
    void everyDefaultPlanPassesTheRules() {
        defaults.forEach((kind, plan) -> assertThat(PlanRules.check(kind, plan)).as(kind.key()).isEmpty());
    }

    @Test
    void violationsNameTheField() {
        assertThat(PlanRules.check(PlanKind.NEW_LEAD, new Plan(null, List.of())).orElseThrow().field()).isEqualTo("steps");
        assertThat(violation(new Plan.Step("late-call", "P20D", "call", "call them", null)))
                .isEqualTo(new PlanRules.Violation("steps[1].offset",
                        "call tasks only within the first 14 days; later touches are automated texts"));
        assertThat(violation(new Plan.Step("x", "soon", "text", "hi", null)).field()).isEqualTo("steps[1].offset");
        assertThat(violation(new Plan.Step("x", "P1D", "email", "hi", null)).field()).isEqualTo("steps[1].channel");
        assertThat(violation(new Plan.Step("first", "P1D", "text", "hi", null)).detail()).contains("duplicate");
        assertThat(violation(new Plan.Step("x", "P1D", "text", "hi {lastName}", null)).field()).isEqualTo("steps[1].template");
        assertThat(violation(new Plan.Step("x", "P1D", "text", "", null)).field()).isEqualTo("steps[1].template");
        assertThat(violation(new Plan.Step("x", "P1D", "text", "hi", List.of("bought"))).field()).isEqualTo("steps[1].unless");
        assertThat(violation(new Plan.Step("x", "-PT1H", "text", "hi", null)).field()).isEqualTo("steps[1].offset");
        assertThat(PlanRules.check(PlanKind.APPOINTMENT, new Plan("appointment",
                List.of(new Plan.Step("r", "-PT2H", "text", "see you", null))))).isEmpty();
        List<Plan.Step> tooMany = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            tooMany.add(new Plan.Step("s" + i, "P" + i + "D", "text", "hi", null));
        }
        assertThat(PlanRules.check(PlanKind.NEW_LEAD, new Plan(null, tooMany)).orElseThrow().detail()).contains("at most 12");
    }

    private PlanRules.Violation violation(Plan.Step second) {
        return PlanRules.check(PlanKind.NEW_LEAD, new Plan("new-lead",
                List.of(new Plan.Step("first", "PT0S", "text", "hello {firstName}", null), second))).orElseThrow();
    }
}
