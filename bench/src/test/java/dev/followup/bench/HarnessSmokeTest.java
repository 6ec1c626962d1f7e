package dev.followup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark harness, a few seconds, against a tiny local HTTP server (no platform started). */
class HarnessSmokeTest {
    @TempDir
    Path dir;

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Histogram latencies = new Histogram(3);
        for (long micros = 1_000; micros <= 100_000; micros += 1_000) {
            latencies.recordValue(micros); // 1 ms to 100 ms, one each
        }
        LoadGenerator.Result result = new LoadGenerator.Result(10, 100, 100, java.util.Map.of("HTTP 201", 100L), latencies, 10, 10);
        assertThat(result.percentileMillis(50)).isCloseTo(50, org.assertj.core.data.Offset.offset(0.1));
        assertThat(result.percentileMillis(99)).isCloseTo(99, org.assertj.core.data.Offset.offset(0.1));
        assertThat(result.maxMillis()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.1));
        assertThat(new LoadGenerator.Result(10, 0, 0, java.util.Map.of(), new Histogram(3), 1, 1).percentileMillis(50)).isNaN();
    }

    @Test
    void openModelLoadHistogramMemoryAndChart() throws Exception {
        Path png = dir.resolve("charts/latency.png");
        Smoke.Outcome outcome = Smoke.run(png, new double[] {100, 200}, Duration.ofSeconds(2));

        assertThat(outcome.steps()).hasSize(2);
        LoadGenerator.Result first = outcome.steps().get(0);
        LoadGenerator.Result second = outcome.steps().get(1);
        // fixed arrival rate: exactly rate x duration requests, every one answered
        assertThat(first.sent()).isEqualTo(200);
        assertThat(second.sent()).isEqualTo(400);
        // every 50th request is answered 503: counted as errors by status, kept out of the latency histogram
        assertThat(first.outcomes()).containsEntry("HTTP 503", 4L).containsEntry("HTTP 201", 196L);
        assertThat(second.outcomes()).containsEntry("HTTP 503", 8L).containsEntry("HTTP 201", 392L);
        assertThat(second.ok()).isEqualTo(392);
        assertThat(second.latencies().getTotalCount()).isEqualTo(392);
        assertThat(second.errorSummary()).isEqualTo("HTTP 503=8");
        // One 400 ms stall on a single-threaded server: the requests due during it all wait, and their latency is
        // measured from when they were due (lower bounds only: a slower machine makes them larger, never smaller).
        assertThat(first.maxMillis()).isGreaterThanOrEqualTo(390);
        assertThat(second.latencies().getCountBetweenValues(100_000, Long.MAX_VALUE)).isGreaterThanOrEqualTo(30);
        // the memory sampler read this JVM's VmRSS
        assertThat(outcome.memory().maxMb()).isGreaterThan(10);
        assertThat(outcome.memory().samples()).isGreaterThanOrEqualTo(1);
        // the chart is a real PNG of the expected size
        assertThat(Files.size(png)).isGreaterThan(2000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(image.getHeight()).isEqualTo(560);
        // and the summary table renders one row per step
        assertThat(Smoke.table(outcome.steps()).toString().lines().count()).isEqualTo(4);
    }
}
