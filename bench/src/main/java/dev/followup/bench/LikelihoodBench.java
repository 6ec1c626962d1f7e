package dev.followup.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

import dev.followup.cadence.domain.desk.LeadScore;
import dev.followup.cadence.domain.likelihood.LeadFeatures;
import dev.followup.cadence.domain.likelihood.LikelihoodFit;
import dev.followup.cadence.domain.likelihood.LikelihoodModel;

/**
 * bench/run likelihood: fits cadence's learned likelihood to close on one simulated month of every dealer's leads
 * ({@link LeadSimulator}) and ranks the next month with it, against today's fixed formula. Reports AUC (pooled, and
 * within a dealer, which is what orders a rep's list), calibration (Brier score and expected calibration error over
 * ten bins), and the share of the month's closed leads that the reps' capped daily call lists held. No platform
 * runs: this is the model's quality, not its speed.
 */
public final class LikelihoodBench {
    private static final Instant MONTH_ONE = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant MONTH_TWO = MONTH_ONE.plus(Duration.ofDays(30));
    private static final int DAILY_CALL_CAP = 8;
    /** A rep's list of 8 calls a day serves about 400 leads a month; a dealer has at least one rep. */
    private static final int LEADS_PER_REP = 400;

    record Metrics(double pooledAuc, double dealerAuc, double brier, double calibrationError, double captured) {
    }

    private LikelihoodBench() {
    }

    public static void main(String[] args) {
        long seed = Long.getLong("bench.likelihood.seed", 2026);
        int dealers = Integer.getInteger("bench.likelihood.dealers", 40);
        int repetitions = Integer.getInteger("bench.likelihood.repetitions", 5);
        Report report = new Report("likelihood");
        Map<String, List<Metrics>> results = new java.util.LinkedHashMap<>();
        int trainingLeads = 0;
        int evaluatedLeads = 0;
        int closed = 0;
        for (int r = 0; r < repetitions; r++) {
            LeadSimulator simulator = new LeadSimulator(seed + r);
            List<LeadSimulator.Dealer> world = simulator.dealers(dealers);
            List<LeadSimulator.Lead> training = new ArrayList<>();
            List<LeadSimulator.Lead> next = new ArrayList<>();
            for (LeadSimulator.Dealer dealer : world) {
                training.addAll(simulator.month(dealer, MONTH_ONE));
                next.addAll(simulator.month(dealer, MONTH_TWO));
            }
            trainingLeads += training.size();
            evaluatedLeads += next.size();
            closed += (int) next.stream().filter(LeadSimulator.Lead::closed).count();
            LikelihoodModel platform = LikelihoodFit.platform(examples(training), 1, MONTH_TWO);
            Map<UUID, LikelihoodModel> byDealer = new HashMap<>();
            for (LeadSimulator.Dealer dealer : world) {
                byDealer.put(dealer.id(), LikelihoodFit.dealer(dealer.id(),
                        examples(training.stream().filter(l -> l.dealer() == dealer).toList()), platform, 1, MONTH_TWO));
            }
            add(results, "fixed formula (today)", evaluate(next, l -> LeadScore.of(l.inputs(), l.scoredAt()).value()));
            add(results, "learned, platform prior only", evaluate(next, l -> platform.score(l.inputs(), l.scoredAt()).value()));
            add(results, "learned, per dealer with prior", evaluate(next,
                    l -> byDealer.get(l.dealer().id()).score(l.inputs(), l.scoredAt()).value()));
            add(results, "the simulator's true chances (ceiling)", evaluate(next, LeadSimulator::trueChance));
            System.out.printf("[bench] likelihood: repetition %d of %d done%n", r + 1, repetitions);
        }
        Table table = new Table("scorer", "AUC pooled", "AUC within a dealer", "Brier", "calibration error",
                "closed leads in capped lists");
        results.forEach((name, runs) -> table.row(name, range(runs, Metrics::pooledAuc, "%.3f"),
                range(runs, Metrics::dealerAuc, "%.3f"), range(runs, Metrics::brier, "%.3f"),
                range(runs, Metrics::calibrationError, "%.3f"), range(runs, m -> m.captured() * 100, "%.1f %%")));
        report.note(String.format(Locale.ROOT, "%d repetitions (seeds %d..%d), %d dealers each of 30 to 1,500 leads a month: "
                + "%,d leads fitted on (month one), %,d ranked (month two), %,d of them closed. Lists: %d calls a day per rep, "
                + "one rep per %d leads a month. Mean, with the lowest and highest repetition in brackets.",
                repetitions, seed, seed + repetitions - 1, dealers, trainingLeads, evaluatedLeads, closed, DAILY_CALL_CAP,
                LEADS_PER_REP));
        report.section("Learned likelihood to close against the fixed formula, on the month after fitting", table);
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
    }

    private static List<LikelihoodFit.Example> examples(List<LeadSimulator.Lead> leads) {
        return leads.stream().map(l -> new LikelihoodFit.Example(LeadFeatures.of(l.inputs(), l.scoredAt()), l.closed())).toList();
    }

    private static void add(Map<String, List<Metrics>> results, String name, Metrics metrics) {
        results.computeIfAbsent(name, k -> new ArrayList<>()).add(metrics);
    }

    static Metrics evaluate(List<LeadSimulator.Lead> leads, ToDoubleFunction<LeadSimulator.Lead> scorer) {
        double[] scores = leads.stream().mapToDouble(scorer).toArray();
        boolean[] outcomes = new boolean[leads.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = leads.get(i).closed();
        }
        Map<UUID, List<Integer>> byDealer = new HashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            byDealer.computeIfAbsent(leads.get(i).dealer().id(), k -> new ArrayList<>()).add(i);
        }
        double weightedAuc = 0;
        int weight = 0;
        for (List<Integer> members : byDealer.values()) {
            double auc = auc(members.stream().mapToDouble(i -> scores[i]).toArray(), pick(outcomes, members));
            if (!Double.isNaN(auc)) {
                weightedAuc += auc * members.size();
                weight += members.size();
            }
        }
        return new Metrics(auc(scores, outcomes), weightedAuc / weight, brier(scores, outcomes),
                calibrationError(scores, outcomes), captured(leads, scores));
    }

    /** The chance that a closed lead scores above one that did not close (ties count half). */
    static double auc(double[] scores, boolean[] outcomes) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (outcomes[order[k]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static double brier(double[] scores, boolean[] outcomes) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double error = Math.min(1, Math.max(0, scores[i])) - (outcomes[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / scores.length;
    }

    /** Over ten equal-width bins of the score: the gap between mean score and share closed, weighted by bin size. */
    static double calibrationError(double[] scores, boolean[] outcomes) {
        double[] scoreSum = new double[10];
        double[] closedSum = new double[10];
        int[] count = new int[10];
        for (int i = 0; i < scores.length; i++) {
            double s = Math.min(1, Math.max(0, scores[i]));
            int bin = Math.min(9, (int) (s * 10));
            scoreSum[bin] += s;
            closedSum[bin] += outcomes[i] ? 1 : 0;
            count[bin]++;
        }
        double error = 0;
        for (int b = 0; b < 10; b++) {
            if (count[b] > 0) {
                error += Math.abs(scoreSum[b] - closedSum[b]);
            }
        }
        return error / scores.length;
    }

    /** Each dealer's reps call the day's highest-scored leads, up to their caps; the share of closed leads called. */
    static double captured(List<LeadSimulator.Lead> leads, double[] scores) {
        Map<String, List<Integer>> byDealerDay = new HashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            LeadSimulator.Lead lead = leads.get(i);
            long day = Duration.between(MONTH_TWO, lead.scoredAt()).toDays();
            byDealerDay.computeIfAbsent(lead.dealer().id() + "/" + day, k -> new ArrayList<>()).add(i);
        }
        int closed = 0;
        int called = 0;
        for (List<Integer> candidates : byDealerDay.values()) {
            LeadSimulator.Dealer dealer = leads.get(candidates.get(0)).dealer();
            int slots = DAILY_CALL_CAP * Math.max(1, Math.round(dealer.leadsPerMonth() / (float) LEADS_PER_REP));
            List<Integer> ranked = new ArrayList<>(candidates);
            ranked.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
            for (int k = 0; k < ranked.size(); k++) {
                if (leads.get(ranked.get(k)).closed()) {
                    closed++;
                    if (k < slots) {
                        called++;
                    }
                }
            }
        }
        return closed == 0 ? 0 : called / (double) closed;
    }

    private static boolean[] pick(boolean[] values, List<Integer> members) {
        boolean[] picked = new boolean[members.size()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = values[members.get(i)];
        }
        return picked;
    }

    private static String range(List<Metrics> runs, ToDoubleFunction<Metrics> metric, String format) {
        double[] values = runs.stream().mapToDouble(metric).toArray();
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        double low = java.util.Arrays.stream(values).min().orElse(Double.NaN);
        double high = java.util.Arrays.stream(values).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", mean, low, high);
    }
}
