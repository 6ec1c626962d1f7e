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

import dev.followup.messaging.domain.InboundReply;
import dev.followup.messaging.domain.OutboundMessage;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/** What was texted to and received from one lead, in any mode (in sandbox mode: the texts that were not sent). */
@Path("/messages")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    /** One text; direction "outbound" (to the customer) or "inbound" (a reply). */
    public record Text(String direction, UUID id, UUID leadId, UUID dealerId, String from, String to, String body,
            String status, String intent, String idempotencyKey, String providerSid, boolean sandbox, Integer errorCode,
            String errorMessage, Instant at) {
    }

    @GET
    @Operation(summary = "Texts sent to and replies received from a lead, oldest first (admin token)")
    public List<Text> forLead(@QueryParam("leadId") String leadId) {
        UUID lead = parse(leadId);
        List<Text> texts = new ArrayList<>();
        OutboundMessage.<OutboundMessage>list("leadId", lead).forEach(m -> texts.add(new Text("outbound", m.messageId,
                m.leadId, m.dealerId, m.fromPhone, m.toPhone, m.body, m.status, null, m.idempotencyKey, m.providerSid,
                m.sandbox, m.errorCode, m.errorMessage, m.createdAt)));
        InboundReply.<InboundReply>list("leadId", lead).forEach(r -> texts.add(new Text("inbound", r.replyId, r.leadId,
                r.dealerId, r.fromPhone, r.toPhone, r.body, null, r.intent.toLowerCase().replace('_', '-'), null,
                r.providerSid, false, null, null, r.receivedAt)));
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
