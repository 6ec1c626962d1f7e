package dev.followup.cadence.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.followup.cadence.domain.LeadCadence;

class PlanRunnerTest {
    private static final Instant START = Instant.parse("2026-03-10T16:00:00Z");
    private final Plan plan = new Plan("new-lead", List.of(step("hello", "PT0S", Channel.TEXT), step("call", "PT1H", Channel.CALL),
            step("later", "P1D", Channel.TEXT), step("last", "P2D", Channel.EMAIL)));

    /** Records what ran; a step may be told to wait until a given instant once. */
    private static final class Recorder implements PlanRunner.Actions {
        final List<String> ran = new ArrayList<>();
        final Map<String, Instant> waitOnce = new HashMap<>();
        boolean completed;

        @Override
        public PlanRunner.Result run(LeadCadence lead, PlanRunner.DueStep due, Instant now) {
            Instant until = waitOnce.remove(due.step().id());
            if (until != null) {
                ran.add(due.stepKey() + " waits");
                return new PlanRunner.WaitUntil(until);
            }
            ran.add(due.stepKey() + "@" + now + (due.followingAt() == null ? "" : " next " + due.followingAt()));
            return PlanRunner.MOVE_ON;
        }

        @Override
        public void skipped(LeadCadence lead, PlanRunner.DueStep due, String reason, Instant now) {
            ran.add(due.stepKey() + " skipped: " + reason);
        }

        @Override
        public void completed(LeadCadence lead, Instant now) {
            completed = true;
        }
    }

    private static Plan.Step step(String id, String offset, Channel channel) {
        return new Plan.Step(id, offset, channel, "x", channel == Channel.EMAIL ? "s" : null, null, null, null);
    }

    private static LeadCadence lead() {
        LeadCadence lead = new LeadCadence();
        lead.leadId = UUID.randomUUID();
        return lead;
    }

    @Test
    void runsWhatIsDueTellsWhenTheNextStepIsAndCompletesAfterTheLast() {
        LeadCadence lead = lead();
        Recorder actions = new Recorder();
        PlanRunner.start(lead, PlanKind.NEW_LEAD, plan, START, START, actions);
        assertThat(PlanRunner.runDue(lead, plan, START, actions)).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(actions.ran).containsExactly("new-lead.1.hello@" + START + " next " + START.plus(Duration.ofHours(1)));
        Instant late = START.plus(Duration.ofDays(3));
        Instant next = PlanRunner.runDue(lead, plan, late, actions);
        assertThat(next).as("late steps are caught up an hour apart, not in a burst").isEqualTo(late.plus(PlanRunner.CATCH_UP_GAP));
        next = PlanRunner.runDue(lead, plan, next, actions);
        assertThat(PlanRunner.runDue(lead, plan, next, actions)).isNull();
        assertThat(actions.completed).isTrue();
        assertThat(lead.status).isEqualTo(LeadCadence.COMPLETE);
        assertThat(actions.ran).hasSize(4);
    }

    @Test
    void aStepThatWaitsHoldsTheLeadAndStepsThatPassedMeanwhileAreCaughtUpAnHourApart() {
        LeadCadence lead = lead();
        Recorder actions = new Recorder();
        Instant nextMorning = START.plus(Duration.ofHours(16));
        actions.waitOnce.put("hello", nextMorning);
        PlanRunner.start(lead, PlanKind.NEW_LEAD, plan, START, START, actions);
        assertThat(PlanRunner.runDue(lead, plan, START, actions)).isEqualTo(nextMorning);
        assertThat(lead.nextStepIndex).isZero();
        assertThat(PlanRunner.runDue(lead, plan, nextMorning, actions)).as("the call, due 15 h ago, an hour after the text")
                .isEqualTo(nextMorning.plus(PlanRunner.CATCH_UP_GAP));
    }

    @Test
    void aRetryGoesBeforeTheNextStepOrIsSupersededByIt() {
        LeadCadence lead = lead();
        Recorder actions = new Recorder();
        PlanRunner.start(lead, PlanKind.NEW_LEAD, plan, START, START, actions);
        PlanRunner.runDue(lead, plan, START, actions);
        assertThat(PlanRunner.retry(lead, plan, "new-lead.1.hello", 1, START.plus(Duration.ofHours(2))))
                .hasValueSatisfying(why -> assertThat(why).contains("comes first and supersedes it"));
        assertThat(PlanRunner.retry(lead, plan, "new-lead.1.call-1-text", 1, START.plus(Duration.ofMinutes(5))))
                .hasValueSatisfying(why -> assertThat(why).contains("not a step of the current plan"));
        assertThat(PlanRunner.retry(lead, plan, "re-engage.1.hello", 1, START)).isPresent();

        Instant soon = START.plus(Duration.ofMinutes(5));
        assertThat(PlanRunner.retry(lead, plan, "new-lead.1.hello", 1, soon)).isEmpty();
        assertThat(PlanRunner.runDue(lead, plan, soon, actions)).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(actions.ran).last().asString().startsWith("new-lead.1.hello~r1@" + soon);
        assertThat(lead.retryStepKey).isNull();
    }

    @Test
    void anAppointmentPlanSkipsRemindersWhoseTimeHadPassed() {
        Plan reminders = new Plan("appointment", List.of(step("day-before", "-P1D", Channel.TEXT),
                step("same-day", "-PT2H", Channel.TEXT), step("after", "PT4H", Channel.CALL)));
        LeadCadence lead = lead();
        Recorder actions = new Recorder();
        Instant appointment = START.plus(Duration.ofHours(5));
        PlanRunner.start(lead, PlanKind.APPOINTMENT, reminders, appointment, START, actions);
        assertThat(actions.ran).containsExactly("appointment.1.day-before skipped: its time ("
                + appointment.minus(Duration.ofDays(1)) + ") had already passed when the plan started");
        assertThat(lead.nextStepAt).isEqualTo(appointment.minus(Duration.ofHours(2)));
    }

    @Test
    void conditionsSkipAStepOnceTheCustomerRepliedOrVisited() {
        Plan conditional = new Plan("new-lead", List.of(step("hello", "PT0S", Channel.TEXT),
                new Plan.Step("nudge", "PT1H", Channel.TEXT, "x", null, null, List.of("replied"), null)));
        LeadCadence lead = lead();
        lead.replies = 1;
        Recorder actions = new Recorder();
        PlanRunner.start(lead, PlanKind.NEW_LEAD, conditional, START, START, actions);
        PlanRunner.runDue(lead, conditional, START, actions);
        PlanRunner.runDue(lead, conditional, START.plus(Duration.ofHours(1)), actions);
        assertThat(actions.ran).last().asString().isEqualTo("new-lead.1.nudge skipped: skipped: the customer has replied");
    }

    @Test
    void aHeldOutLeadSkipsTheStepAndTheChoiceIsTheLeadsOwnEveryTime() {
        Plan.Step nudge = new Plan.Step("nudge", "PT1H", Channel.TEXT, "x", null, null, null, 20);
        Plan withHoldout = new Plan("new-lead", List.of(step("hello", "PT0S", Channel.TEXT), nudge));
        int heldOut = 0;
        for (int i = 0; i < 2000; i++) {
            LeadCadence lead = lead();
            Recorder actions = new Recorder();
            PlanRunner.start(lead, PlanKind.NEW_LEAD, withHoldout, START, START, actions);
            PlanRunner.runDue(lead, withHoldout, START.plus(Duration.ofHours(1)), actions);
            boolean skipped = actions.ran.get(actions.ran.size() - 1).contains("skipped: held out");
            assertThat(skipped).as("the same answer for the same lead").isEqualTo(Holdouts.holdsOut(lead.leadId, nudge));
            assertThat(actions.ran.get(0)).startsWith("new-lead.1.hello@").as("the first answer is never held out");
            heldOut += skipped ? 1 : 0;
        }
        assertThat(heldOut).as("about 20 % of 2000 leads").isBetween(320, 480);
        UUID one = UUID.randomUUID();
        assertThat(Holdouts.holdsOut(one, nudge)).isEqualTo(Holdouts.holdsOut(UUID.fromString(one.toString()), nudge));
        assertThat(Holdouts.bucket(UUID.fromString("7b2e9c14-3a5f-4d6b-8e1c-2f9a0b7c6d53"), "nudge"))
                .as("fixed by the lead and step ids alone, on every JVM and replay").isEqualTo(77);
    }
}
