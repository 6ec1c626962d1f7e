package dev.followup.cadence.domain.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Likelihood to close, 0..1, as the sum of explainable factors: recency of the lead or of its latest visit (up to
 * 0.45, fading to 0 over 14 days), engagement (up to 0.35: replies and merged duplicates), and source (up to 0.20:
 * a walk-in or phone lead beats a third-party listing).
 *
 * @param explanation each factor's contribution in words a rep reads, e.g. "replied twice: +0.21"
 * @param hotFrom the score from which a lead counts as hot: the reserved end of a rep's list is kept for those
 */
public record LeadScore(double value, Map<String, Double> factors, List<String> explanation, double hotFrom) {
    static final double RECENCY_WEIGHT = 0.45;
    static final double ENGAGEMENT_WEIGHT = 0.35;
    static final double SOURCE_WEIGHT = 0.20;
    static final Duration RECENCY_HORIZON = Duration.ofDays(14);

    static final double FIXED_HOT_FROM = 0.5;

    /**
     * What cadence knows of a lead when it scores it.
     *
     * @param touches texts, emails and calls of its plan so far
     * @param receivedHour the hour of the day the lead came in, on the dealer's clock; -1 when unknown
     */
    public record Inputs(Instant receivedAt, Instant lastVisitAt, int replies, int merges, String source, int touches,
            int reachedCalls, boolean vehicleNamed, int receivedHour) {
        public Inputs(Instant receivedAt, Instant lastVisitAt, int replies, int merges, String source) {
            this(receivedAt, lastVisitAt, replies, merges, source, 0, 0, false, -1);
        }
    }

    public static LeadScore of(Inputs inputs, Instant now) {
        Instant latest = inputs.lastVisitAt() != null && inputs.lastVisitAt().isAfter(inputs.receivedAt())
                ? inputs.lastVisitAt() : inputs.receivedAt();
        double ageHours = Math.max(0, Duration.between(latest, now).toMinutes() / 60.0);
        double recency = Math.max(0, 1 - ageHours / RECENCY_HORIZON.toHours());
        double engagement = Math.min(1, inputs.replies() * 0.6 + inputs.merges() * 0.4);
        double source = sourceWeight(inputs.source());
        Map<String, Double> factors = new LinkedHashMap<>();
        factors.put("recency", round(RECENCY_WEIGHT * recency));
        factors.put("engagement", round(ENGAGEMENT_WEIGHT * engagement));
        factors.put("source", round(SOURCE_WEIGHT * source));
        double value = round(factors.values().stream().mapToDouble(Double::doubleValue).sum());
        boolean visited = latest.equals(inputs.lastVisitAt());
        List<String> explanation = List.of(
                (visited ? "visited " : "came in ") + ago(ageHours) + ": " + signed(factors.get("recency")),
                engagement(inputs) + ": " + signed(factors.get("engagement")),
                "source " + (inputs.source() == null ? "unknown" : inputs.source()) + ": " + signed(factors.get("source")));
        return new LeadScore(value, factors, explanation, FIXED_HOT_FROM);
    }

    public static String ago(double hours) {
        if (hours < 1) {
            return "less than an hour ago";
        }
        if (hours < 48) {
            long whole = Math.round(Math.floor(hours));
            return whole + (whole == 1 ? " hour ago" : " hours ago");
        }
        return Math.round(Math.floor(hours / 24)) + " days ago";
    }

    private static String engagement(Inputs inputs) {
        String replies = switch (inputs.replies()) {
            case 0 -> "no reply yet";
            case 1 -> "replied once";
            case 2 -> "replied twice";
            default -> "replied " + inputs.replies() + " times";
        };
        return inputs.merges() == 0 ? replies
                : replies + ", came back " + (inputs.merges() == 1 ? "once" : inputs.merges() + " times") + " as a new lead";
    }

    private static String signed(double contribution) {
        return String.format(Locale.ROOT, "+%.2f", contribution);
    }

    /** Priority on the rep's list, 0..90 (45 where a lead starts to count as hot); 91..100 is kept for customers who replied. */
    public int priority() {
        return (int) Math.round(Math.min(1, Math.max(0, value / (2 * hotFrom))) * 90);
    }

    public boolean hot() {
        return value >= hotFrom;
    }

    static double sourceWeight(String source) {
        if (source == null) {
            return 0.4;
        }
        return switch (source.toLowerCase()) {
            case "showroom", "walk-in" -> 1.0;
            case "phone", "referral" -> 0.9;
            case "website", "chat" -> 0.8;
            case "autotrader", "cars.com", "cargurus", "truecar", "edmunds", "kbb" -> 0.55;
            default -> 0.45;
        };
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
