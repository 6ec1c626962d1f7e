package dev.followup.cadence.kafka;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.FollowUpCommands;
import dev.followup.platform.outbox.Outbox;

/** The cadence's commands as records on cadence-commands, keyed by lead id, written to the outbox in the caller's transaction. */
@ApplicationScoped
public class OutboxCommands implements FollowUpCommands {
    private final Outbox outbox;

    public OutboxCommands(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(Text t) {
        outbox.publish(Commands.TOPIC, t.leadId().toString(), Commands.SEND_MESSAGE, new Commands.SendMessage(
                t.idempotencyKey(), t.leadId(), t.dealerId(), t.to(), t.body(), t.purpose().wire(), t.stepKey(),
                t.requestedAt(), t.sendBefore()));
    }

    @Override
    public void send(Email e) {
        outbox.publish(Commands.TOPIC, e.leadId().toString(), Commands.SEND_EMAIL, new Commands.SendEmail(
                e.idempotencyKey(), e.leadId(), e.dealerId(), e.to(), e.subject(), e.text(), e.html(), e.purpose().wire(),
                e.stepKey(), e.requestedAt()));
    }

    @Override
    public void create(Task t) {
        outbox.publish(Commands.TOPIC, t.leadId().toString(), Commands.CREATE_TASK, new Commands.CreateTask(t.taskId(),
                t.leadId(), t.dealerId(), t.repId(), t.kind().wire(), t.dueAt(), t.priority(), t.urgent(), t.reason(),
                new Commands.Score(t.score().value(), t.score().factors(), t.score().explanation()),
                new Commands.TaskLead(t.displayName(), t.phone(), t.vehicle()), taskReply(t.reply()), t.createdAt()));
    }

    private static Commands.TaskReply taskReply(FollowUpCommands.ReplyAsk r) {
        if (r == null) {
            return null;
        }
        Commands.Question question = r.questionKinds().isEmpty() || r.question() == null ? null
                : new Commands.Question(r.questionKinds(), r.question());
        return new Commands.TaskReply(r.intent(), r.proposedAt(), r.dayOnly(), r.timeZone(), question, r.lostReason());
    }

    @Override
    public void cancelTasks(UUID leadId, UUID dealerId, TaskScope scope, String reason, Instant at) {
        outbox.publish(Commands.TOPIC, leadId.toString(), Commands.CANCEL_TASKS,
                new Commands.CancelTasks(leadId, dealerId, scope.wire(), reason, at));
    }

    @Override
    public void heldOut(HeldOut h) {
        outbox.publish(Commands.TOPIC, h.leadId().toString(), Commands.STEP_HELD_OUT, new Commands.StepHeldOut(
                h.leadId(), h.dealerId(), h.stepKey(), h.channel(), h.holdoutPercent(), h.at()));
    }

    @Override
    public void overCap(OverCap o) {
        outbox.publish(Commands.TOPIC, o.leadId().toString(), Commands.CALL_OVER_CAP, new Commands.CallOverCap(
                o.leadId(), o.dealerId(), o.repId(), o.stepKey(), o.instead(), o.reason(), o.at()));
    }
}
