package dev.followup.cadence.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a decision in a lead's log was; the wire name is what the timeline shows. */
public enum DecisionKind {
    PLAN_STARTED("plan-started"), PLAN_COMPLETE("plan-complete"), STEP_SKIPPED("step-skipped"),
    TEXT_SENT("text-sent"), TEXT_DEFERRED("text-deferred"), TEXT_SKIPPED("text-skipped"), TEXT_DROPPED("text-dropped"),
    TEXT_FAILED("text-failed"),
    EMAIL_SENT("email-sent"), EMAIL_DEFERRED("email-deferred"), EMAIL_SKIPPED("email-skipped"),
    EMAIL_DROPPED("email-dropped"), EMAIL_FAILED("email-failed"),
    TASK_CREATED("task-created"), TASK_SKIPPED("task-skipped"), CALL_SKIPPED("call-skipped"),
    CALL_OVERFLOW("call-overflow"), TASKS_CANCELLED("tasks-cancelled"),
    RETRY_PLANNED("retry-planned"), RETRY_DROPPED("retry-dropped"), RETRY_NOTED("retry-noted"),
    MERGE_NOTED("merge-noted"), MERGE_COALESCED("merge-coalesced"), VISIT_NOTED("visit-noted"),
    STATUS_NOTED("status-noted"), OUTCOME_NOTED("outcome-noted"),
    PAUSED("paused"), RESUMED("resumed"), DONE("done"), REPLY_NOTED("reply-noted"),
    TEXTS_STOPPED("texts-stopped"), TEXTS_RESUMED("texts-resumed"), EMAILS_STOPPED("emails-stopped");

    private final String wire;

    DecisionKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
