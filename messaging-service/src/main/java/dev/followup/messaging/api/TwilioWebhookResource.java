package dev.followup.messaging.api;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.messaging.domain.reply.ReplyService;
import dev.followup.messaging.domain.text.StatusService;
import dev.followup.platform.api.ProblemException;

/** Twilio's webhooks: inbound texts and status callbacks, each signed with X-Twilio-Signature. */
@Path("/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(TwiML.MEDIA_TYPE)
public class TwilioWebhookResource {
    private final WebhookSignature signature;
    private final ReplyService replies;
    private final StatusService statuses;

    public TwilioWebhookResource(WebhookSignature signature, ReplyService replies, StatusService statuses) {
        this.signature = signature;
        this.replies = replies;
        this.statuses = statuses;
    }

    @POST
    @Path("/inbound")
    @Operation(summary = "A customer's text (Twilio inbound webhook); answers TwiML, with the dealer's contact for HELP")
    public String inbound(@Context UriInfo uri, @HeaderParam(WebhookSignature.HEADER) String sig,
            MultivaluedMap<String, String> form) {
        Map<String, String> params = signature.verified(uri, form, sig);
        ReplyService.Outcome outcome = replies.receive(new ReplyService.InboundText(required(params, "MessageSid"),
                required(params, "From"), required(params, "To"), params.get("MessagingServiceSid"),
                params.getOrDefault("Body", "")));
        return TwiML.answer(outcome.answer());
    }

    @POST
    @Path("/status")
    @Operation(summary = "A Twilio status callback for a text sent; applied once, forward moves only")
    public String status(@Context UriInfo uri, @HeaderParam(WebhookSignature.HEADER) String sig,
            MultivaluedMap<String, String> form) {
        Map<String, String> params = signature.verified(uri, form, sig);
        if (!params.containsKey("MessageStatus") && params.containsKey("SmsStatus")) {
            params.put("MessageStatus", params.get("SmsStatus"));
        }
        statuses.receive(new StatusService.Callback(required(params, "MessageSid"), required(params, "MessageStatus"),
                errorCode(params.get("ErrorCode"))));
        return TwiML.EMPTY;
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name, name + " is required");
        }
        if (value.length() > 34) {
            throw ProblemException.badRequest(name, name + " is too long");
        }
        return value;
    }

    private static Integer errorCode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("ErrorCode", "ErrorCode is not a number");
        }
    }
}
