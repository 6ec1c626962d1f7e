package dev.followup.cadence.domain.likelihood;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Fits a {@link LikelihoodModel} by maximum a posteriori logistic regression: the log-likelihood of the outcomes
 * plus a Gaussian prior on every weight. The platform-wide model has its prior at zero; a dealer's model has its
 * prior at the platform's weights, so a dealer with little history scores like the platform and one with a lot of
 * history scores on its own outcomes. The optimiser is Commons Math's non-linear conjugate gradient.
 */
public final class LikelihoodFit {
    /** Prior strength of the platform model: weak, it only keeps weights finite on separable data. */
    public static final double PLATFORM_PRIOR_STRENGTH = 1.0;
    /** Prior strength of a dealer model around the platform's weights: about this many leads' worth of evidence. */
    public static final double DEALER_PRIOR_STRENGTH = 20.0;

    /** One scored lead: its features when it was scored, and whether it reached an appointment or a sale in 30 days. */
    public record Example(double[] features, boolean closed) {
    }

    private LikelihoodFit() {
    }

    public static LikelihoodModel platform(List<Example> examples, int version, Instant now) {
        return fit(null, examples, new double[LeadFeatures.ALL.size() + 1], PLATFORM_PRIOR_STRENGTH, version, now);
    }

    public static LikelihoodModel dealer(UUID dealerId, List<Example> examples, LikelihoodModel platform, int version,
            Instant now) {
        double[] prior = new double[LeadFeatures.ALL.size() + 1];
        prior[0] = platform.intercept();
        for (int i = 0; i < LeadFeatures.ALL.size(); i++) {
            prior[i + 1] = platform.weights().getOrDefault(LeadFeatures.ALL.get(i).key(), 0.0);
        }
        return fit(dealerId, examples, prior, DEALER_PRIOR_STRENGTH, version, now);
    }

    private static LikelihoodModel fit(UUID dealerId, List<Example> examples, double[] prior, double strength,
            int version, Instant now) {
        int n = examples.size();
        // Per example, so that the prior weighs the same against 100 leads as against 100,000 of them.
        double lambda = strength / Math.max(1, n);
        ObjectiveFunction loss = new ObjectiveFunction(beta -> {
            double total = 0;
            for (Example e : examples) {
                double z = logit(beta, e.features());
                // log(1 + e^z) - y z, written so that a large |z| does not overflow
                total += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (e.closed() ? z : 0);
            }
            return total / Math.max(1, n) + penalty(beta, prior, lambda);
        });
        ObjectiveFunctionGradient gradient = new ObjectiveFunctionGradient(beta -> {
            double[] g = new double[beta.length];
            for (Example e : examples) {
                double residual = LikelihoodModel.sigmoid(logit(beta, e.features())) - (e.closed() ? 1 : 0);
                g[0] += residual;
                for (int i = 0; i < e.features().length; i++) {
                    g[i + 1] += residual * e.features()[i];
                }
            }
            for (int i = 0; i < g.length; i++) {
                g[i] = g[i] / Math.max(1, n) + lambda * (beta[i] - prior[i]);
            }
            return g;
        });
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-10, 1e-10));
        PointValuePair best = optimizer.optimize(new MaxEval(20_000), loss, gradient, GoalType.MINIMIZE,
                new InitialGuess(prior.clone()));
        double[] beta = best.getPoint();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < LeadFeatures.ALL.size(); i++) {
            weights.put(LeadFeatures.ALL.get(i).key(), beta[i + 1]);
        }
        int positives = (int) examples.stream().filter(Example::closed).count();
        return new LikelihoodModel(dealerId, version, now, beta[0], weights, topQuarter(beta, examples), n, positives);
    }

    private static double topQuarter(double[] beta, List<Example> examples) {
        if (examples.isEmpty()) {
            return 0.5;
        }
        double[] chances = examples.stream().mapToDouble(e -> LikelihoodModel.sigmoid(logit(beta, e.features()))).sorted().toArray();
        return chances[(int) Math.floor(chances.length * 0.75)];
    }

    private static double penalty(double[] beta, double[] prior, double lambda) {
        double sum = 0;
        for (int i = 0; i < beta.length; i++) {
            sum += (beta[i] - prior[i]) * (beta[i] - prior[i]);
        }
        return lambda / 2 * sum;
    }

    private static double logit(double[] beta, double[] x) {
        double z = beta[0];
        for (int i = 0; i < x.length; i++) {
            z += beta[i + 1] * x[i];
        }
        return z;
    }
}
