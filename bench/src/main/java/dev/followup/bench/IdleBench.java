package dev.followup.bench;

import java.time.Duration;
import java.util.Map;

/**
 * An idle platform: the five services, Kafka and PostgreSQL started and warmed, nothing arriving. What each process
 * spends doing nothing (pollers, heartbeats, consumer fetches) is what a dealer pays for every quiet night.
 */
public final class IdleBench {
    private IdleBench() {
    }

    public static void main(String[] args) throws Exception {
        Duration warm = Options.seconds("bench.idle.warm-seconds", 180);
        Duration measured = Options.seconds("bench.idle.seconds", 60);
        BenchPlatform.timeLimit(Integer.getInteger("bench.time-limit-minutes", 8));
        Report report = new Report("idle");
        // Nothing moves the clock here: the services do not watch the clock file, as in production.
        try (BenchPlatform bench = BenchPlatform.start("idle", Map.of("FOLLOWUP_CLOCK_CONTROL_FILE", ""))) {
            System.out.printf("[bench] idle: letting the services finish starting for %d s ...%n", warm.toSeconds());
            Thread.sleep(warm.toMillis());
            CpuMeter cpu = bench.cpuMeter();
            Map<String, Long> before = cpu.sample();
            long started = System.nanoTime();
            System.out.printf("[bench] idle: measuring for %d s ...%n", measured.toSeconds());
            Thread.sleep(measured.toMillis());
            Map<String, Long> after = cpu.sample();
            double seconds = (System.nanoTime() - started) / 1e9;

            Table table = new Table("process", "CPU ms", "% of one core", "target");
            for (String name : after.keySet()) {
                if (name.equals("machine total")) {
                    continue;
                }
                double cpuSeconds = CpuMeter.cpuSeconds(before, after, name);
                table.row(name, String.format("%.0f", cpuSeconds * 1000), String.format("%.2f", cpuSeconds / seconds * 100),
                        name.equals(CpuMeter.PLATFORM) ? "< 2 % of one core" : "");
            }
            report.note("Setup: the five services, PostgreSQL, the Kafka broker and the fake Twilio started as in every"
                    + " benchmark (but not watching the clock file, as in production), no dealer and no lead; "
                    + warm.toSeconds() + " s to finish starting, then " + measured.toSeconds() + " s measured. CPU from"
                    + " /proc (10 ms ticks), so a figure under 10 ms is zero.\n");
            report.section(String.format("CPU of an idle platform over %.0f s", seconds), table);
        }
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
        System.exit(0);
    }
}
