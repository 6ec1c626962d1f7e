package dev.followup.cadence.domain.likelihood;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.followup.cadence.domain.desk.LeadScore;

/**
 * A fitted likelihood to close: the chance that a lead reaches an appointment or a sale within 30 days, as a
 * logistic function of {@link LeadFeatures}. A feature's contribution, in the words a rep reads, is how much lower
 * the chance would be without it ("replied twice: +0.21").
 *
 * @param dealerId the dealer it was fitted for; {@code null} for the platform-wide prior
 * @param weights by feature key; a key the model does not know weighs nothing
 * @param hotFrom the chance from which a lead counts as hot: the score of the top quarter of what it was fitted on
 * @param trainedOn scored leads it was fitted on, {@code positives} of them reached an appointment or a sale
 */
public record LikelihoodModel(UUID dealerId, int version, Instant fittedAt, double intercept, Map<String, Double> weights,
        double hotFrom, int trainedOn, int positives) {
    private static final int EXPLAINED_FEATURES = 4;

    public double chance(double[] x) {
        return sigmoid(logit(x));
    }

    public LeadScore score(LeadScore.Inputs inputs, Instant now) {
        double[] x = LeadFeatures.of(inputs, now);
        double z = logit(x);
        double chance = sigmoid(z);
        record Part(int feature, double contribution) {
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double weight = weight(i);
            if (x[i] != 0 && weight != 0) {
                parts.add(new Part(i, chance - sigmoid(z - weight * x[i])));
            }
        }
        parts.sort(Comparator.comparingDouble((Part p) -> Math.abs(p.contribution())).reversed());
        Map<String, Double> factors = new LinkedHashMap<>();
        List<String> explanation = new ArrayList<>();
        for (Part part : parts) {
            LeadFeatures.Feature feature = LeadFeatures.ALL.get(part.feature());
            factors.put(feature.key(), round(part.contribution()));
            if (explanation.size() < EXPLAINED_FEATURES && Math.abs(part.contribution()) >= 0.005) {
                explanation.add(feature.words().apply(inputs, now) + ": " + signed(part.contribution()));
            }
        }
        explanation.add(0, String.format(Locale.ROOT, "chance of an appointment or sale in 30 days: %.0f%%", chance * 100));
        return new LeadScore(round(chance), factors, List.copyOf(explanation), hotFrom);
    }

    private double logit(double[] x) {
        double z = intercept;
        for (int i = 0; i < x.length; i++) {
            z += weight(i) * x[i];
        }
        return z;
    }

    private double weight(int feature) {
        return weights.getOrDefault(LeadFeatures.ALL.get(feature).key(), 0.0);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static String signed(double contribution) {
        return String.format(Locale.ROOT, "%+.2f", contribution);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
