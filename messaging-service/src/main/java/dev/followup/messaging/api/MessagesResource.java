package dev.followup.messaging.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.messaging.domain.email.OutboundEmail;
import dev.followup.messaging.domain.reply.InboundReply;
import dev.followup.messaging.domain.text.OutboundMessage;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/**
 * What was texted and emailed to and received from one lead, in any mode (in sandbox mode: what was recorded but not
 * sent).
 */
@Path("/messages")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    /**
     * One message; channel "text" or "email", direction "outbound" (to the customer) or "inbound" (a reply).
     *
     * @param reason why an outbound message did not go out (message.status-changed.v2 / email.failed.v1 reason)
     */
    public record Text(String channel, String direction, UUID id, UUID leadId, UUID dealerId, String from, String to,
            String subject, String body, String status, String reason, String intent, String idempotencyKey,
            String providerSid, boolean sandbox, Integer errorCode, String errorMessage, Instant at) {
    }

    @GET
    @Operation(summary = "Texts and emails sent to, and replies received from, a lead, oldest first (admin token)")
    public List<Text> forLead(@QueryParam("leadId") String leadId) {
        UUID lead = parse(leadId);
        List<Text> texts = new ArrayList<>();
        OutboundMessage.<OutboundMessage>list("leadId", lead).forEach(m -> texts.add(new Text("text", "outbound",
                m.messageId, m.leadId, m.dealerId, m.fromPhone, m.toPhone, null, m.body, m.status, m.refusalReason, null,
                m.idempotencyKey, m.providerSid, m.sandbox, m.errorCode, m.errorMessage, m.createdAt)));
        InboundReply.<InboundReply>list("leadId", lead).forEach(r -> texts.add(new Text("text", "inbound", r.replyId,
                r.leadId, r.dealerId, r.fromPhone, r.toPhone, null, r.body, null, null,
                r.intent.toLowerCase().replace('_', '-'), null, r.providerSid, false, null, null, r.receivedAt)));
        OutboundEmail.<OutboundEmail>list("leadId", lead).forEach(e -> texts.add(new Text("email", "outbound", e.emailId,
                e.leadId, e.dealerId, null, e.toAddress, e.subject, e.textBody, e.status, e.refusalReason, null,
                e.idempotencyKey, null, e.sandbox, null, e.errorMessage, e.createdAt)));
        texts.sort(Comparator.comparing(Text::at));
        return texts;
    }

    private static UUID parse(String leadId) {
        if (leadId == null || leadId.isBlank()) {
            throw ProblemException.badRequest("leadId", "leadId is required");
        }
        try {
            return UUID.fromString(leadId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("leadId", "leadId is not a UUID");
        }
    }
}
