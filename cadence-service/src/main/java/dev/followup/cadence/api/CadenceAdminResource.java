package dev.followup.cadence.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.cadence.domain.Dealer;
import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.MessageTemplate;
import dev.followup.cadence.domain.Plan;
import dev.followup.cadence.domain.PlanCatalog;
import dev.followup.cadence.domain.PlanKind;
import dev.followup.cadence.domain.PlanRules;
import dev.followup.cadence.domain.RecipientZone;
import dev.followup.cadence.domain.SendingWindow;
import dev.followup.cadence.domain.Timeline;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/** Plans, timelines and previews; operations-only (dealer API keys live in lead-service). */
@Path("/")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class CadenceAdminResource {
    private static final String E164 = "^\\+[1-9][0-9]{6,14}$";
    private final PlanCatalog plans;
    private final Timeline timeline;

    public CadenceAdminResource(PlanCatalog plans, Timeline timeline) {
        this.plans = plans;
        this.timeline = timeline;
    }

    public record PlanView(UUID dealerId, String kind, boolean custom, List<Plan.Step> steps) {
    }

    @GET
    @Path("dealers/{dealerId}/plans/{planKind}")
    @Operation(summary = "A dealer's plan of this kind (its own, or the default)")
    public PlanView plan(@PathParam("dealerId") String dealerId, @PathParam("planKind") String planKind) {
        UUID dealer = dealerId(dealerId);
        PlanKind kind = kind(planKind);
        return new PlanView(dealer, kind.key(), plans.isCustom(dealer, kind), plans.plan(dealer, kind).steps());
    }

    @PUT
    @Path("dealers/{dealerId}/plans/{planKind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a dealer's plan of this kind; validated (400 problem naming the field)")
    public PlanView replace(@PathParam("dealerId") String dealerId, @PathParam("planKind") String planKind, Plan plan) {
        UUID dealer = dealerId(dealerId);
        PlanKind kind = kind(planKind);
        PlanRules.check(kind, plan).ifPresent(v -> {
            throw ProblemException.badRequest(v.field(), v.detail());
        });
        Plan stored = plans.replace(dealer, kind, plan);
        return new PlanView(dealer, kind.key(), true, stored.steps());
    }

    @GET
    @Path("leads/{leadId}/timeline")
    @Operation(summary = "What was done for the lead and what is planned, with exact times and reasons")
    public Timeline.LeadTimeline timeline(@PathParam("leadId") String leadId) {
        UUID id;
        try {
            id = UUID.fromString(leadId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("leadId", "not a UUID");
        }
        LeadCadence lead = LeadCadence.findById(id);
        if (lead == null) {
            throw ProblemException.notFound("Lead");
        }
        return timeline.of(lead);
    }

    public record PreviewCustomer(String firstName, String phone, String postalCode) {
    }

    /** A hypothetical lead; everything optional except what the plan needs. */
    public record PreviewRequest(UUID dealerId, String planKind, Instant startAt, String source, PreviewCustomer customer,
            String vehicle, String repName) {
    }

    public record PreviewEntry(Instant at, String localTime, String stepId, String channel, String reason, String body,
            Integer segments) {
    }

    public record Preview(String planKind, String zone, String zoneBasis, boolean floridaRules, List<PreviewEntry> entries) {
    }

    @POST
    @Path("plans/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The timeline a hypothetical lead would get; sends nothing, stores nothing")
    public Preview preview(PreviewRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("customer", "a hypothetical lead is needed");
        }
        PlanKind kind = request.planKind() == null ? PlanKind.NEW_LEAD : PlanKind.ofKey(request.planKind())
                .orElseThrow(() -> ProblemException.badRequest("planKind", "one of new-lead, post-visit, re-engage, appointment"));
        PreviewCustomer customer = request.customer() == null ? new PreviewCustomer(null, null, null) : request.customer();
        if (customer.phone() != null && !customer.phone().matches(E164)) {
            throw ProblemException.badRequest("customer.phone", "an E.164 number such as +15125550123");
        }
        if (customer.postalCode() != null && customer.postalCode().length() > 16) {
            throw ProblemException.badRequest("customer.postalCode", "at most 16 characters");
        }
        Dealer dealer = request.dealerId() == null ? null : Dealer.findById(request.dealerId());
        Instant start = request.startAt() != null ? request.startAt() : timeline.now();
        LeadCadence lead = new LeadCadence();
        lead.leadId = new UUID(0, 0);
        lead.dealerId = request.dealerId();
        lead.planKind = kind.key();
        lead.planRun = 1;
        lead.phone = customer.phone();
        lead.postalCode = customer.postalCode();
        lead.firstName = customer.firstName();
        lead.source = request.source() == null ? "website" : request.source();
        lead.receivedAt = start;
        RecipientZone.Resolved zone = RecipientZone.resolve(customer.phone(), customer.postalCode(),
                dealer == null ? ZoneId.of("America/New_York") : dealer.zone(), dealer == null ? null : dealer.state);
        SendingWindow window = new SendingWindow(zone.zone(), zone.florida());
        MessageTemplate.Values values = new MessageTemplate.Values(customer.firstName(), request.vehicle(),
                request.repName(), dealer == null ? null : dealer.name);
        Plan plan = plans.plan(request.dealerId(), kind);
        List<PreviewEntry> entries = Timeline.project(lead, plan, 0, start, start, window, values).stream()
                .map(p -> new PreviewEntry(p.at(), p.at().atZone(zone.zone()).toLocalDateTime().toString(),
                        p.step().id(), p.step().channel(), p.reason(), p.body(), p.segments()))
                .toList();
        return new Preview(kind.key(), zone.zone().getId(), zone.basis(), zone.florida(), entries);
    }

    private static UUID dealerId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("dealerId", "not a UUID");
        }
    }

    private static PlanKind kind(String value) {
        return PlanKind.ofKey(value).orElseThrow(() -> ProblemException.notFound("Plan kind '" + value + "'"));
    }
}
