package dev.followup.task.kafka;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.followup.platform.events.PoisonRecordException;
import dev.followup.platform.inbox.InboundEvents;
import dev.followup.task.domain.CustomerAsk;
import dev.followup.task.domain.NewTask;
import dev.followup.task.domain.TaskCommands;
import dev.followup.task.domain.TaskKind;
import io.smallrye.common.annotation.Blocking;

/** Task commands from cadence-service; followup.send-message.v1 (messaging's) is skipped. */
@ApplicationScoped
public class CadenceCommandsConsumer {
    private static final Logger LOG = Logger.getLogger(CadenceCommandsConsumer.class);

    private final InboundEvents inbound;
    private final TaskCommands commands;

    public CadenceCommandsConsumer(InboundEvents inbound, TaskCommands commands) {
        this.inbound = inbound;
        this.commands = commands;
    }

    @Incoming("cadence-commands")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        inbound.applyAll("cadence-commands", "task.cadence-commands", records, event -> {
            switch (event.type()) {
                case CreateTaskCommand.TYPE, CreateTaskCommand.TYPE_V1 -> create(event.payloadAs(CreateTaskCommand.class));
                case CancelTasksCommand.TYPE -> cancel(event.payloadAs(CancelTasksCommand.class));
                default -> {
                }
            }
        });
    }

    private void create(CreateTaskCommand command) {
        TaskKind kind;
        try {
            kind = TaskKind.fromWire(command.kind());
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        CreateTaskCommand.Score score = command.score();
        CreateTaskCommand.Lead lead = command.lead();
        CreateTaskCommand.Reply reply = command.reply();
        CustomerAsk ask = reply == null ? null : new CustomerAsk(reply.intent(), reply.proposedAt(),
                Boolean.TRUE.equals(reply.dayOnly()), reply.timeZone(),
                reply.question() == null ? List.of() : reply.question().kinds(),
                reply.question() == null ? null : reply.question().text(), reply.lostReason());
        boolean created = commands.create(new NewTask(command.taskId(), command.leadId(), command.dealerId(),
                command.repId(), kind, command.dueAt(), command.priority(), command.urgent(), command.reason(),
                score == null ? null : score.value(), score == null ? null : score.factors(),
                score == null ? null : score.explanation(), lead.displayName(),
                lead.phone(), lead.vehicle(), ask, command.createdAt()));
        if (created) {
            LOG.infof("task %s created for rep %s, lead %s", command.taskId(), command.repId(), command.leadId());
        } else {
            LOG.infof("task %s already exists; repeated create-task command ignored", command.taskId());
        }
    }

    private void cancel(CancelTasksCommand command) {
        int cancelled = commands.cancel(command.leadId(), command.dealerId(), command.includesRepliedCustomer(),
                command.reason(), command.cancelledAt());
        LOG.infof("%d open task(s) of lead %s cancelled (%s)", cancelled, command.leadId(), command.scope());
    }
}
