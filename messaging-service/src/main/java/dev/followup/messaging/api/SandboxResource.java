package dev.followup.messaging.api;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.messaging.domain.reply.ReplyService;
import dev.followup.messaging.domain.text.TextingGateway;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/** Sandbox mode only (no Twilio credentials): simulates a customer's reply, as if Twilio had posted it. 404 otherwise. */
@Path("/sandbox/replies")
@AdminOnly
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {
    private final TextingGateway gateway;
    private final ReplyService replies;

    public SandboxResource(TextingGateway gateway, ReplyService replies) {
        this.gateway = gateway;
        this.replies = replies;
    }

    /** @param to the dealer number written to; optional when the dealer texts through a Messaging Service */
    public record SimulatedReply(
            @NotNull @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be an E.164 number") String from,
            @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be an E.164 number") String to,
            String messagingServiceSid,
            @NotBlank @Size(max = 1600) String body) {
    }

    public record SimulatedOutcome(UUID replyId, UUID leadId, String intent, String answer) {
    }

    @POST
    @Operation(summary = "Sandbox only: simulate a customer's reply (admin token)")
    public SimulatedOutcome reply(@Valid @NotNull SimulatedReply request) {
        if (!gateway.sandbox()) {
            throw ProblemException.notFound("Resource");
        }
        byte[] sid = new byte[16];
        ThreadLocalRandom.current().nextBytes(sid);
        ReplyService.Outcome outcome = replies.receive(new ReplyService.InboundText("SM" + HexFormat.of().formatHex(sid),
                request.from(), request.to() == null ? "" : request.to(), request.messagingServiceSid(), request.body()));
        return new SimulatedOutcome(outcome.replyId(), outcome.leadId(), outcome.intent().wire(), outcome.answer());
    }
}
