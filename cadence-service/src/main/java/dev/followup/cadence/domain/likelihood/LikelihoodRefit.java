package dev.followup.cadence.domain.likelihood;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refits the likelihood to close on every lead of the last {@code history} whose outcome window has passed: first
 * the platform-wide model, then each dealer's with the platform's as its prior. Each fit is stored as a new version.
 * Until the platform has {@code minimum-leads} settled leads with {@code minimum-closed} closed among them, no model
 * is fitted and the fixed formula scores; a dealer with fewer than {@code dealer-minimum-leads} uses the platform's.
 */
@ApplicationScoped
public class LikelihoodRefit {
    private static final Logger LOG = Logger.getLogger(LikelihoodRefit.class);
    private final ScoreSnapshots snapshots;
    private final LikelihoodModels models;
    private final Duration history;
    private final int minimumLeads;
    private final int minimumClosed;
    private final int dealerMinimumLeads;

    public LikelihoodRefit(ScoreSnapshots snapshots, LikelihoodModels models,
            @ConfigProperty(name = "followup.likelihood.history", defaultValue = "P180D") Duration history,
            @ConfigProperty(name = "followup.likelihood.minimum-leads", defaultValue = "200") int minimumLeads,
            @ConfigProperty(name = "followup.likelihood.minimum-closed", defaultValue = "20") int minimumClosed,
            @ConfigProperty(name = "followup.likelihood.dealer-minimum-leads", defaultValue = "30") int dealerMinimumLeads) {
        this.snapshots = snapshots;
        this.models = models;
        this.history = history;
        this.minimumLeads = minimumLeads;
        this.minimumClosed = minimumClosed;
        this.dealerMinimumLeads = dealerMinimumLeads;
    }

    /** @return the models stored by this refit; empty when there is not enough history yet */
    @Transactional
    public List<LikelihoodModel> run(Instant now) {
        Map<UUID, List<LikelihoodFit.Example>> byDealer = snapshots.settledSince(now.minus(history), now);
        List<LikelihoodFit.Example> all = byDealer.values().stream().flatMap(List::stream).toList();
        long closed = all.stream().filter(LikelihoodFit.Example::closed).count();
        if (all.size() < minimumLeads || closed < minimumClosed) {
            LOG.infof("Likelihood refit: %d settled leads, %d closed; the fixed formula keeps scoring until %d and %d",
                    all.size(), closed, minimumLeads, minimumClosed);
            return List.of();
        }
        List<LikelihoodModel> stored = new ArrayList<>();
        LikelihoodModel platform = LikelihoodFit.platform(all, models.nextVersion(LikelihoodModels.PLATFORM), now);
        models.store(platform);
        stored.add(platform);
        byDealer.forEach((dealerId, examples) -> {
            if (examples.size() >= dealerMinimumLeads) {
                LikelihoodModel own = LikelihoodFit.dealer(dealerId, examples, platform, models.nextVersion(dealerId), now);
                models.store(own);
                stored.add(own);
            }
        });
        LOG.infof("Likelihood refit: platform v%d on %d leads (%d closed), %d dealer models", platform.version(), all.size(),
                closed, stored.size() - 1);
        return stored;
    }
}
