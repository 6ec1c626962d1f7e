package dev.followup.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.followup.cadence.domain.desk.LeadScore;
import dev.followup.cadence.domain.likelihood.LeadFeatures;

/**
 * Leads and their outcomes with known effects, for judging a likelihood-to-close model. Each lead is scored once,
 * when its call task is made (1 to 72 hours after it came in), and closes (an appointment or a sale within 30 days)
 * with a chance that is a logistic function of what cadence knows at that moment. The platform-wide effects are
 * below; every dealer deviates from them at random, and at every dealer one source is poor.
 */
final class LeadSimulator {
    static final Map<String, Double> PLATFORM_EFFECTS = Map.ofEntries(
            Map.entry("recent", 0.5), Map.entry("visited", 1.8), Map.entry("replies", 0.8), Map.entry("came-back", 0.15),
            Map.entry("touches", -0.25), Map.entry("reached", 0.9), Map.entry("vehicle-named", 0.4),
            Map.entry("after-hours", 0.3), Map.entry("source:showroom", 1.0), Map.entry("source:phone", 0.9),
            Map.entry("source:referral", 1.1), Map.entry("source:website", 0.2), Map.entry("source:chat", 0.1),
            Map.entry("source:autotrader", -0.1), Map.entry("source:cars.com", 0.0), Map.entry("source:cargurus", 0.4),
            Map.entry("source:truecar", -1.0), Map.entry("source:edmunds", -0.3), Map.entry("source:kbb", -0.4),
            Map.entry("source:facebook", -0.8));
    static final double PLATFORM_INTERCEPT = -2.7;
    private static final double DEALER_DEVIATION = 0.4;
    private static final String[] SOURCE_MIX = {"website", "website", "website", "website", "website", "website",
            "autotrader", "autotrader", "autotrader", "cars.com", "cars.com", "cargurus", "cargurus", "cargurus",
            "truecar", "truecar", "facebook", "facebook", "showroom", "phone", "chat", "edmunds", "kbb", "referral",
            "craigslist"};
    private static final String[] POOR_AT_ONE_DEALER = {"website", "autotrader", "cars.com", "cargurus"};

    record Dealer(UUID id, int leadsPerMonth, double intercept, Map<String, Double> effects) {
    }

    record Lead(Dealer dealer, int day, LeadScore.Inputs inputs, Instant scoredAt, boolean closed) {
    }

    private final Random random;

    LeadSimulator(long seed) {
        this.random = new Random(seed);
    }

    /** Dealers of very different sizes: from 30 to 1,500 leads a month, spread evenly on a log scale. */
    List<Dealer> dealers(int count) {
        List<Dealer> dealers = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            int size = (int) Math.round(Math.exp(Math.log(30) + random.nextDouble() * (Math.log(1500) - Math.log(30))));
            Map<String, Double> effects = new HashMap<>();
            PLATFORM_EFFECTS.forEach((k, v) -> effects.put(k, v + random.nextGaussian() * DEALER_DEVIATION));
            String poor = "source:" + POOR_AT_ONE_DEALER[random.nextInt(POOR_AT_ONE_DEALER.length)];
            effects.put(poor, effects.get(poor) - 1.2);
            double intercept = PLATFORM_INTERCEPT + random.nextGaussian() * DEALER_DEVIATION;
            dealers.add(new Dealer(new UUID(0, d + 1), size, intercept, Map.copyOf(effects)));
        }
        return dealers;
    }

    /** One month of a dealer's leads, starting at {@code monthStart}. */
    List<Lead> month(Dealer dealer, Instant monthStart) {
        List<Lead> leads = new ArrayList<>();
        int count = poisson(dealer.leadsPerMonth());
        for (int i = 0; i < count; i++) {
            int day = random.nextInt(30);
            int hour = hourOfArrival();
            Instant receivedAt = monthStart.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(hour * 60L + random.nextInt(60)));
            Instant scoredAt = receivedAt.plus(Duration.ofMinutes(60 + random.nextInt(71 * 60)));
            double ageDays = Duration.between(receivedAt, scoredAt).toHours() / 24.0;
            double interest = random.nextGaussian();
            int replies = poisson(Math.exp(-1.3 + 0.7 * interest));
            Instant visit = random.nextDouble() < 0.06 + 0.06 * Math.max(0, interest)
                    ? receivedAt.plus(Duration.between(receivedAt, scoredAt).multipliedBy(random.nextInt(100)).dividedBy(100)) : null;
            int merges = random.nextDouble() < 0.12 ? 1 + (random.nextDouble() < 0.2 ? 1 : 0) : 0;
            int touches = poisson(1 + ageDays * 1.5);
            int reached = random.nextDouble() < 0.25 + 0.1 * Math.max(0, interest) ? 1 : 0;
            String source = SOURCE_MIX[random.nextInt(SOURCE_MIX.length)];
            LeadScore.Inputs inputs = new LeadScore.Inputs(receivedAt, visit, replies, merges, source, touches, reached,
                    random.nextDouble() < 0.7, hour);
            boolean closed = random.nextDouble() < chance(dealer, inputs, scoredAt);
            leads.add(new Lead(dealer, day, inputs, scoredAt, closed));
        }
        return leads;
    }

    static double trueChance(Lead lead) {
        return chance(lead.dealer(), lead.inputs(), lead.scoredAt());
    }

    private static double chance(Dealer dealer, LeadScore.Inputs inputs, Instant scoredAt) {
        double z = dealer.intercept();
        double[] x = LeadFeatures.of(inputs, scoredAt);
        for (int f = 0; f < x.length; f++) {
            z += dealer.effects().getOrDefault(LeadFeatures.ALL.get(f).key(), 0.0) * x[f];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** Most leads come in during the day; one in five in the evening or at night. */
    private int hourOfArrival() {
        return random.nextDouble() < 0.8 ? 8 + random.nextInt(12) : (20 + random.nextInt(12)) % 24;
    }

    private int poisson(double mean) {
        if (mean > 50) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
