package dev.followup.cadence.domain.likelihood;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;

import dev.followup.cadence.domain.desk.LeadScore;

/**
 * What the learned likelihood-to-close looks at, each as a number that is 0 for "nothing to say" (an old lead, no
 * reply, an unknown source), so that a feature's contribution is what it adds to a lead that lacks it. The keys are
 * stored with every fitted model: a model fitted before a feature existed gives it no weight.
 */
public final class LeadFeatures {
    /** Sources seen often enough to earn a weight of their own; any other source is the baseline. */
    static final List<String> SOURCES = List.of("showroom", "phone", "referral", "website", "chat", "autotrader",
            "cars.com", "cargurus", "truecar", "edmunds", "kbb", "facebook");

    public record Feature(String key, ToDoubleBiFunction<LeadScore.Inputs, Instant> value,
            BiFunction<LeadScore.Inputs, Instant, String> words) {
    }

    public static final List<Feature> ALL = features();

    private LeadFeatures() {
    }

    public static double[] of(LeadScore.Inputs inputs, Instant now) {
        double[] x = new double[ALL.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ALL.get(i).value().applyAsDouble(inputs, now);
        }
        return x;
    }

    public static List<String> keys() {
        return ALL.stream().map(Feature::key).toList();
    }

    /** The source as a feature knows it: walk-in is a showroom lead, case and spaces do not matter. */
    static String sourceOf(LeadScore.Inputs inputs) {
        if (inputs.source() == null) {
            return null;
        }
        String source = inputs.source().trim().toLowerCase(Locale.ROOT);
        return source.equals("walk-in") ? "showroom" : source;
    }

    private static List<Feature> features() {
        List<Feature> features = new ArrayList<>();
        features.add(new Feature("recent", (in, now) -> Math.exp(-hoursSince(in.receivedAt(), now) / 72.0),
                (in, now) -> "came in " + LeadScore.ago(hoursSince(in.receivedAt(), now))));
        features.add(new Feature("visited", (in, now) -> in.lastVisitAt() == null ? 0
                : Math.exp(-hoursSince(in.lastVisitAt(), now) / 168.0),
                (in, now) -> "visited the showroom " + LeadScore.ago(hoursSince(in.lastVisitAt(), now))));
        features.add(new Feature("replies", (in, now) -> Math.min(in.replies(), 3), (in, now) -> times("replied", in.replies())));
        features.add(new Feature("came-back", (in, now) -> Math.min(in.merges(), 3),
                (in, now) -> times("came back as a new lead", in.merges())));
        features.add(new Feature("touches", (in, now) -> Math.min(in.touches(), 12) / 4.0,
                (in, now) -> in.touches() + (in.touches() == 1 ? " touch" : " touches") + " so far"));
        features.add(new Feature("reached", (in, now) -> Math.min(in.reachedCalls(), 2),
                (in, now) -> times("reached by phone", in.reachedCalls())));
        features.add(new Feature("vehicle-named", (in, now) -> in.vehicleNamed() ? 1 : 0,
                (in, now) -> "asked about a specific vehicle"));
        features.add(new Feature("after-hours", (in, now) -> in.receivedHour() >= 0 && (in.receivedHour() < 8 || in.receivedHour() >= 20) ? 1 : 0,
                (in, now) -> "came in after hours"));
        for (String source : SOURCES) {
            features.add(new Feature("source:" + source, (in, now) -> source.equals(sourceOf(in)) ? 1 : 0,
                    (in, now) -> "source " + source));
        }
        return List.copyOf(features);
    }

    private static double hoursSince(Instant then, Instant now) {
        return Math.max(0, Duration.between(then, now).toMinutes() / 60.0);
    }

    private static String times(String what, int count) {
        return switch (count) {
            case 0 -> "never " + what;
            case 1 -> what + " once";
            case 2 -> what + " twice";
            default -> what + " " + count + " times";
        };
    }
}
