package dev.followup.cadence.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.cadence.domain.plan.Plan;
import dev.followup.cadence.domain.plan.PlanCatalog;
import dev.followup.cadence.domain.plan.PlanKind;
import dev.followup.cadence.domain.plan.PlanRules;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;

/** A dealer's plans; operations-only (dealer API keys live in lead-service). */
@Path("/dealers/{dealerId}/plans/{planKind}")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {
    private final PlanCatalog plans;

    public PlansResource(PlanCatalog plans) {
        this.plans = plans;
    }

    public record PlanView(UUID dealerId, String kind, boolean custom, List<Plan.Step> steps) {
    }

    @GET
    @Operation(summary = "A dealer's plan of this kind (its own, or the default)")
    public PlanView plan(@PathParam("dealerId") String dealerId, @PathParam("planKind") String planKind) {
        UUID dealer = Params.uuid("dealerId", dealerId);
        PlanKind kind = Params.planKind(planKind);
        return new PlanView(dealer, kind.key(), plans.isCustom(dealer, kind), plans.plan(dealer, kind).steps());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a dealer's plan of this kind; validated (400 problem naming the field)")
    public PlanView replace(@PathParam("dealerId") String dealerId, @PathParam("planKind") String planKind, Plan plan) {
        UUID dealer = Params.uuid("dealerId", dealerId);
        PlanKind kind = Params.planKind(planKind);
        PlanRules.check(kind, plan).ifPresent(v -> {
            throw ProblemException.badRequest(v.field(), v.detail());
        });
        Plan stored = plans.replace(dealer, kind, plan);
        return new PlanView(dealer, kind.key(), true, stored.steps());
    }
}
