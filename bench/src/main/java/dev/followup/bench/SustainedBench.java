package dev.followup.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The whole platform under a sustained load: leads at a fixed rate for five minutes, spread over 50 dealers, all
 * inside the recipients' sending window. Reports the rate achieved, intake latency, speed to lead (201 answered ->
 * the fake Twilio receives the first text), texts received against leads accepted, CPU per texted lead by process
 * (the load generator apart), memory, and speed to lead over time as a chart.
 */
public final class SustainedBench {
    private static final int BUCKET_SECONDS = 10;

    private SustainedBench() {
    }

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.sustained.rate", "250"));
        Duration duration = Options.seconds("bench.sustained.seconds", 300);
        int dealerCount = Integer.getInteger("bench.sustained.dealers", 50);
        Duration drain = Options.seconds("bench.sustained.drain-seconds", 180);
        Duration warmUp = Options.seconds("bench.sustained.warmup-seconds", 60);
        double warmUpRate = Double.parseDouble(System.getProperty("bench.sustained.warmup-rate",
                Double.toString(Math.min(rate, 40))));
        BenchPlatform.timeLimit(Integer.getInteger("bench.time-limit-minutes", 19));

        Report report = new Report("sustained");
        try (BenchPlatform bench = BenchPlatform.start("sustained", Map.of())) {
            // Like Twilio, the fake calls back as each text is sent and delivered: two signed webhooks per text.
            bench.twilio.sendStatusCallbacks(bench.platform.messaging().baseUrl().replaceAll("/$", ""), "sent", "delivered");
            SpeedToLeadBench.Recipients recipients = SpeedToLeadBench.Recipients.inSendingWindow(bench);
            String area = recipients.areaCode();
            Leads leads = new Leads(bench.platform.lead().baseUrl());
            List<Leads.BenchDealer> dealers = leads.createDealers(dealerCount, "America/Chicago", "IL", 3);
            String runTag = Long.toString(System.currentTimeMillis(), 36);
            LoadGenerator generator = new LoadGenerator(LoadGenerator.newClient()).drainTimeout(Duration.ofSeconds(15));

            // Warm-up: one lead per dealer until its text arrives (the directory reached cadence and messaging).
            System.out.printf("[bench] warm-up: %d leads, one per dealer (not measured)%n", dealerCount);
            LoadGenerator.Result warm = generator.run(10, Duration.ofMillis(dealerCount * 100L),
                    i -> leads.textableLead(dealers, area, i, runTag),
                    LoadGenerator.IGNORE);
            SpeedToLeadBench.awaitTexts(bench.twilio, area, 0, warm.sent(), Duration.ofSeconds(120));
            long warmed = warm.sent();
            if (!warmUp.isZero()) {
                // The services' JIT compilers do most of their work in the first minutes: a platform that has run
                // for a while is what the figures are about, so they come after a steady warm-up (not measured).
                System.out.printf("[bench] warm-up: %.0f leads/s for %d s (not measured)%n", warmUpRate, warmUp.toSeconds());
                long from = warmed;
                LoadGenerator.Result steady = generator.run(warmUpRate, warmUp,
                        i -> leads.textableLead(dealers, area, from + i, runTag), LoadGenerator.IGNORE);
                SpeedToLeadBench.awaitTexts(bench.twilio, area, from, from + steady.sent(), Duration.ofSeconds(180));
                warmed += steady.sent();
            }
            bench.settle(Duration.ofSeconds(60));
            bench.memory.reset();
            StatementStats statements = StatementStats.startIfEnabled(bench);

            long first = warmed;
            Map<String, Long> answered = new ConcurrentHashMap<>();
            CpuMeter cpu = bench.cpuMeter();
            Map<String, Long> cpuBefore = cpu.sample();
            Map<String, Long> threadsBefore = cpu.sampleThreads();
            long started = System.nanoTime();
            System.out.printf("[bench] measured: %.0f leads/s for %d s over %d dealers ...%n", rate, duration.toSeconds(),
                    dealerCount);
            LoadGenerator.Result result = generator.run(rate, duration,
                    i -> leads.textableLead(dealers, area, first + i, runTag),
                    (i, response, completedNanos) -> {
                        if (response.statusCode() == 201) {
                            answered.put(Leads.phone(area, first + i), completedNanos);
                        }
                    });
            System.out.printf("[bench] %s; waiting up to %d s for the texts ...%n", result.outcomes(), drain.toSeconds());
            SpeedToLeadBench.awaitTexts(bench.twilio, area, first, first + result.sent(), drain);
            Map<String, Long> cpuAfter = cpu.sample();
            Map<String, Long> threadsAfter = cpu.sampleThreads();
            double cpuSeconds = (System.nanoTime() - started) / 1e9;
            Map<String, MemorySampler.Usage> memory = bench.memory.snapshot();

            Map<String, Long> firstText = SpeedToLeadBench.firstTextTimes(bench.twilio);
            Histogram speed = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
            TreeMap<Long, Histogram> overTime = new TreeMap<>();
            long texted = 0;
            for (Map.Entry<String, Long> lead : answered.entrySet()) {
                Long textAt = firstText.get(lead.getKey());
                if (textAt == null) {
                    continue;
                }
                texted++;
                long micros = Math.min(Math.max(0, (textAt - lead.getValue()) / 1000), speed.getHighestTrackableValue());
                speed.recordValue(micros);
                long bucket = (lead.getValue() - started) / TimeUnit.SECONDS.toNanos(BUCKET_SECONDS) * BUCKET_SECONDS;
                overTime.computeIfAbsent(bucket, b -> new Histogram(TimeUnit.MINUTES.toMicros(10), 3)).recordValue(micros);
            }

            report.note("Setup: " + dealerCount + " dealers, leads round-robin, recipients in area code " + area
                    + " (inside the 08:00-21:00 sending window; " + recipients.clockNote() + "); the five services, the"
                    + " fake Twilio (answering each text, then calling back its statuses sent and delivered) and the load"
                    + " generator (in the benchmark JVM) running; warm-up " + first
                    + " leads (one per dealer, then " + Table.num(warmUpRate) + " leads/s for " + warmUp.toSeconds()
                    + " s, not measured); then " + Table.num(rate) + " leads/s offered for " + duration.toSeconds()
                    + " s, and up to " + drain.toSeconds() + " s more for the texts. CPU is counted from the first"
                    + " measured lead until the last text (or the end of that wait); per texted lead.\n");
            Table summary = new Table("offered leads/s", "achieved leads/s (201)", "intake p50 ms", "intake p99 ms",
                    "speed to lead p50 ms", "speed to lead p99 ms", "leads accepted", "texts received for them",
                    "intake errors", "target");
            summary.row(Table.num(rate), String.format("%.1f", result.achievedRate()),
                    Table.ms(result.percentileMillis(50)), Table.ms(result.percentileMillis(99)),
                    SpeedToLeadBench.ms(speed, 50), SpeedToLeadBench.ms(speed, 99), answered.size(), texted,
                    result.errorSummary(), ">= 250/s, every lead texted, intake p99 < 50 ms, speed p99 < 250 ms");
            report.section("Sustained " + Table.num(rate) + " leads/s for " + duration.toSeconds() + " s", summary);
            report.section(String.format("CPU by process, per texted lead (%.0f s; machine busy %.0f %%)", cpuSeconds,
                    CpuMeter.busyShare(cpuBefore, cpuAfter) * 100),
                    CpuMeter.table(cpuBefore, cpuAfter, cpuSeconds, texted, "texted lead"));
            report.section("CPU budget by service and activity, per texted lead (from thread names)",
                    CpuMeter.table(Map.of(), CpuMeter.activities(threadsBefore, threadsAfter), cpuSeconds, texted,
                            "texted lead"));
            report.section("Resident memory (MB)", IntakeBench.memoryTable(memory));
            if (statements != null) {
                report.section("PostgreSQL statements by total execution time (pg_stat_statements, measured phase)",
                        statements.top(25, texted));
            }

            Table timeline = new Table("seconds into the run", "leads texted", "speed p50 ms", "speed p99 ms");
            List<LatencyChart.Point> points = new ArrayList<>();
            overTime.forEach((second, h) -> {
                timeline.row(second, h.getTotalCount(), SpeedToLeadBench.ms(h, 50), SpeedToLeadBench.ms(h, 99));
                points.add(new LatencyChart.Point(second, h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0, false));
            });
            report.section("Speed to lead over time (by when the lead was answered, " + BUCKET_SECONDS + " s buckets)",
                    timeline);
            if (Report.recording() && !points.isEmpty()) {
                // One file per run: a later run must not change the chart an earlier run's log entry links to.
                String name = "sustained-speed-to-lead-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
                        .withZone(ZoneOffset.UTC).format(Instant.now()) + ".png";
                LatencyChart.write(BenchMain.repo().resolve("docs/benchmarks/" + name),
                        "Speed to lead at " + Table.num(rate) + " leads/s offered, whole platform",
                        "seconds into the run (when the lead was answered)", points, 250);
                report.note("Chart: [" + name + "](benchmarks/" + name + ").\n");
            }
            if (Boolean.getBoolean("bench.sustained.insights-replay")) {
                bench.settle(Duration.ofSeconds(60));
                report.section("insights-service catching up: every topic read again into a fresh schema, the rest idle",
                        InsightsReplay.run(bench, Options.seconds("bench.sustained.replay-patience-seconds", 600)));
            }
        }
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
        System.exit(0);
    }
}
