package dev.followup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark harness, a few seconds, against a tiny local HTTP server (no platform started). */
class HarnessSmokeTest {
    @TempDir
    Path dir;

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
        // percentiles are ordered and the server's ~1 ms shows
        for (LoadGenerator.Result r : outcome.steps()) {
            assertThat(r.percentileMillis(50)).isGreaterThanOrEqualTo(1.0)
                    .isLessThanOrEqualTo(r.percentileMillis(90));
            assertThat(r.percentileMillis(90)).isLessThanOrEqualTo(r.percentileMillis(99));
            assertThat(r.percentileMillis(99)).isLessThanOrEqualTo(r.percentileMillis(99.9));
            assertThat(r.percentileMillis(99.9)).isLessThanOrEqualTo(r.maxMillis());
        }
        // one 400 ms stall on a single-threaded server: at 100/s and 200/s some 40 and 80 requests were due during it
        // and all of them wait; measured from their intended start the stall shows at p99 (not only in the max)
        assertThat(first.maxMillis()).isGreaterThanOrEqualTo(390);
        assertThat(first.percentileMillis(99)).isGreaterThanOrEqualTo(200);
        assertThat(second.percentileMillis(99)).isGreaterThanOrEqualTo(200);
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
