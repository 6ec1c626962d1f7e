package dev.followup.cadence.domain.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.followup.cadence.domain.desk.LeadScore;

class LikelihoodFitTest {
    private static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");
    private static final Map<String, Double> TRUTH = Map.of("recent", 0.6, "visited", 1.5, "replies", 0.8,
            "touches", -0.4, "source:truecar", -1.0, "source:showroom", 1.2);
    private static final double INTERCEPT = -2.0;

    @Test
    void platformFitRecoversTheEffectsThatMadeTheOutcomes() {
        LikelihoodModel model = LikelihoodFit.platform(examples(TRUTH, 40_000, new Random(7)), 1, NOW);
        assertThat(model.intercept()).isCloseTo(INTERCEPT, offset(0.2));
        TRUTH.forEach((key, weight) -> assertThat(model.weights().get(key)).as(key).isCloseTo(weight, offset(0.2)));
        assertThat(model.weights().get("source:cars.com")).isCloseTo(0.0, offset(0.2));
        assertThat(model.trainedOn()).isEqualTo(40_000);
        assertThat(model.positives()).isBetween(1, 39_999);
    }

    @Test
    void aDealerWithLittleHistoryScoresLikeThePlatformAndOneWithMuchScoresOnItsOwnOutcomes() {
        LikelihoodModel platform = LikelihoodFit.platform(examples(TRUTH, 40_000, new Random(7)), 1, NOW);
        Map<String, Double> poorWebsite = new HashMap<>(TRUTH);
        poorWebsite.put("source:website", -1.5);
        LikelihoodModel small = LikelihoodFit.dealer(UUID.randomUUID(), examples(poorWebsite, 25, new Random(8)), platform, 1, NOW);
        LikelihoodModel large = LikelihoodFit.dealer(UUID.randomUUID(), examples(poorWebsite, 20_000, new Random(9)), platform, 1, NOW);
        assertThat(small.weights().get("source:website")).isCloseTo(platform.weights().get("source:website"), offset(0.3));
        assertThat(large.weights().get("source:website")).isCloseTo(-1.5, offset(0.3));
        assertThat(large.weights().get("visited")).isCloseTo(1.5, offset(0.25));
    }

    @Test
    void scoreIsTheChanceAndEachFeatureSaysWhatItAddsInWords() {
        Map<String, Double> weights = new HashMap<>();
        LeadFeatures.keys().forEach(k -> weights.put(k, 0.0));
        weights.put("replies", 0.8);
        weights.put("source:truecar", -1.0);
        LikelihoodModel model = new LikelihoodModel(null, 3, NOW, -2.0, weights, 0.198, 1000, 150);
        LeadScore.Inputs inputs = new LeadScore.Inputs(NOW.minus(Duration.ofHours(5)), null, 2, 0, "TrueCar", 3, 0, true, 21);
        LeadScore score = model.score(inputs, NOW);
        double z = -2.0 + 0.8 * 2 - 1.0;
        assertThat(score.value()).isCloseTo(1 / (1 + Math.exp(-z)), offset(0.001));
        assertThat(score.explanation().get(0)).isEqualTo("chance of an appointment or sale in 30 days: 20%");
        assertThat(score.explanation()).contains("replied twice: +0.15", "source truecar: -0.20");
        assertThat(score.factors()).containsOnlyKeys("replies", "source:truecar");
        assertThat(score.hot()).isTrue();
        assertThat(score.priority()).isEqualTo(45);
        LeadScore quiet = model.score(new LeadScore.Inputs(NOW.minus(Duration.ofHours(5)), null, 0, 0, "website"), NOW);
        assertThat(quiet.hot()).isFalse();
        assertThat(quiet.priority()).isLessThan(score.priority());
    }

    @Test
    void featuresAreZeroWhenThereIsNothingToSay() {
        double[] x = LeadFeatures.of(new LeadScore.Inputs(NOW.minus(Duration.ofDays(60)), null, 0, 0, null), NOW);
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).as(LeadFeatures.ALL.get(i).key()).isCloseTo(0.0, offset(0.001));
        }
        double[] walkIn = LeadFeatures.of(new LeadScore.Inputs(NOW, null, 0, 0, " Walk-In "), NOW);
        assertThat(walkIn[LeadFeatures.keys().indexOf("source:showroom")]).isEqualTo(1.0);
    }

    /** Random features in their real ranges; outcomes drawn from the logistic model with {@code weights}. */
    static List<LikelihoodFit.Example> examples(Map<String, Double> weights, int count, Random random) {
        List<LikelihoodFit.Example> examples = new ArrayList<>();
        List<String> keys = LeadFeatures.keys();
        for (int n = 0; n < count; n++) {
            double[] x = new double[keys.size()];
            x[keys.indexOf("recent")] = random.nextDouble();
            x[keys.indexOf("visited")] = random.nextDouble() < 0.15 ? random.nextDouble() : 0;
            x[keys.indexOf("replies")] = random.nextInt(4);
            x[keys.indexOf("touches")] = random.nextInt(13) / 4.0;
            int source = random.nextInt(LeadFeatures.SOURCES.size() + 1);
            if (source < LeadFeatures.SOURCES.size()) {
                x[keys.indexOf("source:" + LeadFeatures.SOURCES.get(source))] = 1;
            }
            double z = INTERCEPT;
            for (int i = 0; i < x.length; i++) {
                z += weights.getOrDefault(keys.get(i), 0.0) * x[i];
            }
            examples.add(new LikelihoodFit.Example(x, random.nextDouble() < 1 / (1 + Math.exp(-z))));
        }
        return examples;
    }
}
