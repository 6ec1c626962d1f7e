package dev.followup.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-model load: requests leave at a fixed arrival rate whatever the server does, and each request's latency is
 * measured from its INTENDED start time (start + i / rate), not from when it actually left. A server that stalls
 * therefore shows its stall in every request that should have gone out meanwhile (no coordinated omission).
 * <p>
 * Requests go out with {@link HttpClient#sendAsync}; at most {@code maxInFlight} are outstanding. When that many
 * are, the dispatcher waits, but the waiting requests' latencies still count from their intended start.
 */
public final class LoadGenerator {
    /** Builds request number {@code index} (0-based), e.g. with a distinct phone number. */
    @FunctionalInterface
    public interface RequestFactory {
        HttpRequest create(long index);
    }

    /** Sees every response (on an HTTP client thread), with its completion time ({@link System#nanoTime()}). */
    @FunctionalInterface
    public interface ResponseListener {
        void onResponse(long index, HttpResponse<String> response, long completedNanos);
    }

    public static final ResponseListener IGNORE = (index, response, completedNanos) -> {
    };

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final HttpClient client;
    private int maxInFlight = 4096;
    private Duration drainTimeout = Duration.ofSeconds(15);

    public LoadGenerator(HttpClient client) {
        this.client = client;
    }

    /** An HTTP/1.1 client (no h2c upgrade dance), as a benchmark needs. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public LoadGenerator maxInFlight(int max) {
        this.maxInFlight = max;
        return this;
    }

    /** How long to wait for outstanding requests after the last one left; those still open then count as errors. */
    public LoadGenerator drainTimeout(Duration timeout) {
        this.drainTimeout = timeout;
        return this;
    }

    /** Runs {@code rate * duration} requests at {@code rate} per second, then waits for the outstanding ones. */
    public Result run(double ratePerSecond, Duration duration, RequestFactory factory, ResponseListener listener) {
        long total = Math.max(1, Math.round(ratePerSecond * duration.toNanos() / 1e9));
        ConcurrentHistogram latencies = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        AtomicLong completed = new AtomicLong();
        Semaphore inFlight = new Semaphore(maxInFlight);
        double nanosPerRequest = 1e9 / ratePerSecond;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long sent = 0;
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * nanosPerRequest);
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            HttpRequest request;
            try {
                request = factory.create(i);
            } catch (RuntimeException e) {
                inFlight.release();
                outcomes.computeIfAbsent("request not built: " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                completed.incrementAndGet();
                sent++;
                continue;
            }
            long index = i;
            sent++;
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long done = System.nanoTime();
                try {
                    String outcome;
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        outcome = cause.getClass().getSimpleName();
                    } else {
                        int status = response.statusCode();
                        outcome = "HTTP " + status;
                        if (status >= 200 && status < 300) {
                            latencies.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (done - intended) / 1000)));
                            ok.increment();
                        }
                        listener.onResponse(index, response, done);
                    }
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                } finally {
                    completed.incrementAndGet();
                    inFlight.release();
                }
            });
        }
        long lastSent = System.nanoTime();
        long drainDeadline = lastSent + drainTimeout.toNanos();
        while (completed.get() < sent && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long end = System.nanoTime();
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        long unfinished = sent - completed.get();
        if (unfinished > 0) {
            counts.put("unfinished after drain", unfinished);
        }
        return new Result(ratePerSecond, sent, ok.sum(), counts, latencies.copy(), (end - start) / 1e9,
                (lastSent - start) / 1e9);
    }

    /**
     * What one run measured.
     *
     * @param offeredRate requests per second asked for
     * @param sent requests that left
     * @param ok 2xx answers
     * @param outcomes count per outcome ("HTTP 201", "HTTP 429", "HttpTimeoutException", ...)
     * @param latencies microseconds from intended start to the 2xx answer
     * @param elapsedSeconds first intended start to the last answer (or the drain deadline)
     * @param sendingSeconds first intended start to the last request sent
     */
    public record Result(double offeredRate, long sent, long ok, Map<String, Long> outcomes, Histogram latencies,
            double elapsedSeconds, double sendingSeconds) {
        public long errors() {
            return sent - ok;
        }

        /** 2xx answers per second over the whole run (sending + drain). */
        public double achievedRate() {
            return ok / elapsedSeconds;
        }

        public double percentileMillis(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        public double maxMillis() {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getMaxValue() / 1000.0;
        }

        /** Non-2xx outcomes, e.g. "HTTP 503=3, HttpTimeoutException=1", or "none". */
        public String errorSummary() {
            StringBuilder text = new StringBuilder();
            outcomes.forEach((k, v) -> {
                if (!k.startsWith("HTTP 2")) {
                    text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v);
                }
            });
            return text.length() == 0 ? "none" : text.toString();
        }
    }
}
