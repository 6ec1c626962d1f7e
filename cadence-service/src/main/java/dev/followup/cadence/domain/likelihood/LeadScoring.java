package dev.followup.cadence.domain.likelihood;

import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.domain.LeadCadence;
import dev.followup.cadence.domain.desk.LeadScore;

/**
 * Scores a lead for a rep's list with its dealer's learned model (or the platform's), or with the fixed formula while
 * neither has been fitted, and keeps the first scoring of every lead as an example for the next fit.
 */
@ApplicationScoped
public class LeadScoring {
    private final LikelihoodModels models;
    private final ScoreSnapshots snapshots;

    public LeadScoring(LikelihoodModels models, ScoreSnapshots snapshots) {
        this.models = models;
        this.snapshots = snapshots;
    }

    public LeadScore score(LeadCadence lead, ZoneId dealerZone, Instant now) {
        LeadScore.Inputs inputs = lead.scoreInputs(dealerZone);
        snapshots.recordFirst(lead.leadId, lead.dealerId, inputs.receivedAt(), LeadFeatures.of(inputs, now), now);
        return models.forDealer(lead.dealerId, now).map(model -> model.score(inputs, now))
                .orElseGet(() -> LeadScore.of(inputs, now));
    }
}
