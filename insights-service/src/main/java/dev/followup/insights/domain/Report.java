package dev.followup.insights.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything a manager's dashboard shows for one dealer and period. Rates are shares of the leads (0..1). */
public record Report(UUID dealerId, String dealerName, Period period, String source, Funnel funnel,
        List<HistogramBar> timeToFirstText, List<SourceRow> sources, List<RepRow> reps, List<StepRow> steps) {

    /**
     * @param neverTexted leads without a text yet, by why: opted-out, no-mobile (no phone that takes texts), refused
     *     (messaging or the carrier refused the text), waiting (for the sending window or in the dealer's send queue)
     */
    public record Funnel(long leads, long mergedDuplicates, long texted, Double firstTextP50Seconds,
            Double firstTextP90Seconds, double textedWithin1Minute, double textedWithin5Minutes,
            Map<String, Long> neverTexted, long contacted, long replied, long optedOut, long appointments,
            long visits, long sold, long lost, double contactRate, double replyRate, double optOutRate) {
    }

    /** Leads whose first text came within {@code upToSeconds} (null: the rest) and after the bar before. */
    public record HistogramBar(String label, Long upToSeconds, long leads) {
    }

    public record SourceRow(String source, long leads, long texted, long replied, long appointments, long sold) {
    }

    /**
     * @param doneLate done after their due time
     * @param overdue still open past their due time (not cancelled)
     * @param skippedOverCap call tasks the rep's full daily list kept off it (an automated touch instead, or none)
     * @param medianReplyToDoneSeconds from the customer's reply to the rep completing the replied-customer task
     */
    public record RepRow(UUID repId, String name, long tasksGiven, long done, long doneLate, long overdue,
            long cancelled, long skippedOverCap, Map<String, Long> outcomes, Double medianReplyToDoneSeconds) {
    }

    /**
     * One plan step (or purpose, for touches outside a plan): what followed its touches, and, when the dealer holds
     * leads out of it, what followed for those leads at the step's time ({@code holdout}, else null).
     */
    public record StepRow(String step, String channel, long sent, long repliesWithin48Hours,
            long appointmentsWithin7Days, long optOutsWithin48Hours, double replyRate, double optOutRate,
            double appointmentRate, Holdout holdout) {
    }

    /**
     * The held-out leads of a step and the step's lift: its rate minus theirs, with a 95 % interval (normal
     * approximation of the difference of two proportions, within -1..1); null while either group is empty.
     */
    public record Holdout(long leads, long repliesWithin48Hours, long appointmentsWithin7Days, double replyRate,
            double appointmentRate, Lift replyLift, Lift appointmentLift) {
    }

    public record Lift(double difference, double low, double high) {
        static Lift of(long treatedHits, long treated, long controlHits, long control) {
            if (treated == 0 || control == 0) {
                return null;
            }
            double p1 = (double) treatedHits / treated;
            double p2 = (double) controlHits / control;
            double margin = 1.96 * Math.sqrt(p1 * (1 - p1) / treated + p2 * (1 - p2) / control);
            double difference = p1 - p2;
            return new Lift(difference, Math.max(-1, difference - margin), Math.min(1, difference + margin));
        }
    }
}
