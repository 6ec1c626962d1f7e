package dev.followup.cadence.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.followup.cadence.domain.likelihood.LikelihoodModel;
import dev.followup.cadence.domain.likelihood.LikelihoodModels;
import dev.followup.platform.security.AdminOnly;

/** The fitted likelihood-to-close models, every version, newest first: the platform's and each dealer's. */
@Path("/likelihood-models")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class LikelihoodResource {
    private final LikelihoodModels models;

    public LikelihoodResource(LikelihoodModels models) {
        this.models = models;
    }

    public record ModelView(UUID dealerId, int version, Instant fittedAt, int trainedOn, int positives, double hotFrom,
            double intercept, Map<String, Double> weights) {
        static ModelView of(LikelihoodModel m) {
            return new ModelView(m.dealerId(), m.version(), m.fittedAt(), m.trainedOn(), m.positives(), m.hotFrom(),
                    m.intercept(), m.weights());
        }
    }

    @GET
    @Path("/platform")
    @Transactional
    @Operation(summary = "Every version of the platform-wide model, the prior of every dealer's")
    public List<ModelView> platform() {
        return models.versions(null).stream().map(ModelView::of).toList();
    }

    @GET
    @Path("/dealers/{dealerId}")
    @Transactional
    @Operation(summary = "Every version of a dealer's own model; empty while it scores with the platform's")
    public List<ModelView> dealer(@PathParam("dealerId") String dealerId) {
        return models.versions(Params.uuid("dealerId", dealerId)).stream().map(ModelView::of).toList();
    }
}
