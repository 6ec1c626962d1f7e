package dev.followup.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 1: POST /leads at rising fixed rates until p99 passes 50 ms or errors appear; the highest rate that
 * holds; in the same run, on the same database, the raw PostgreSQL rate of the same transaction; their ratio.
 */
public final class IntakeBench {
    static final double P99_TARGET_MS = 50;

    private IntakeBench() {
    }

    public static void main(String[] args) throws Exception {
        double[] rates = Options.rates("bench.intake.rates", "25,50,75,100,150,200,250,300,400,500,750,1000,1500,2000");
        Duration step = Options.seconds("bench.intake.step-seconds", 20);
        Duration warmUp = Options.seconds("bench.intake.warmup-seconds", 90);
        int dealerCount = Integer.getInteger("bench.intake.dealers", 10);
        int rawThreads = Integer.getInteger("bench.raw.threads", 8);
        Duration rawDuration = Options.seconds("bench.raw.seconds", 20);
        BenchPlatform.timeLimit(Integer.getInteger("bench.time-limit-minutes", 20));

        Report report = new Report("intake");
        try (BenchPlatform bench = BenchPlatform.start("intake", Map.of())) {
            Leads leads = new Leads(bench.platform.lead().baseUrl());
            List<Leads.BenchDealer> dealers = new ArrayList<>();
            for (int d = 0; d < dealerCount; d++) {
                dealers.add(leads.createDealer(d, "America/Chicago", "TX", 3));
            }
            String runTag = Long.toString(System.currentTimeMillis(), 36);
            AtomicLong counter = new AtomicLong();
            LoadGenerator.RequestFactory factory = i -> {
                long n = counter.getAndIncrement();
                Leads.BenchDealer dealer = dealers.get((int) (n % dealers.size()));
                return leads.postLead(dealer.apiKey(), Leads.leadJson(Leads.phone("512", n), n, runTag));
            };
            HttpClient client = LoadGenerator.newClient();
            LoadGenerator generator = new LoadGenerator(client).drainTimeout(Duration.ofSeconds(15));

            long warmSent = 0;
            // A sustainable warm-up (JIT compilation goes on for minutes on 2 cores), then the platform settles, so a
            // step is not measured while the warm-up's backlog (cadence, messaging) still takes the CPU.
            for (double warmRate : new double[] {25, 50}) {
                System.out.printf("[bench] warm-up: %.0f s at %.0f leads/s (not measured)%n", warmUp.toSeconds() / 2.0, warmRate);
                LoadGenerator.Result warm = generator.run(warmRate, warmUp.dividedBy(2), factory, LoadGenerator.IGNORE);
                System.out.println("[bench] warm-up: " + warm.outcomes());
                warmSent += warm.sent();
            }
            awaitOutboxDrained(bench, Duration.ofSeconds(20));
            bench.settle(Duration.ofSeconds(120));
            bench.memory.reset();

            System.out.println("[bench] ramp 1: the whole platform (cadence, messaging and task consume the leads)");
            Ramp platform = ramp(bench, generator, factory, rates, step);
            Map<String, MemorySampler.Usage> memory = bench.memory.snapshot();

            System.out.println("[bench] ramp 2: intake alone (cadence, messaging and task stopped; Kafka and PostgreSQL up)");
            bench.platform.cadence().stop();
            bench.platform.messaging().stop();
            bench.platform.task().stop();
            awaitOutboxDrained(bench, Duration.ofSeconds(20));
            bench.settle(Duration.ofSeconds(60));
            Ramp alone = ramp(bench, generator, factory, rates, step);
            long stored = count(bench, "select count(*) from lead.lead where provider = 'bench'");
            long accepted = counter.get();

            System.out.printf("[bench] raw PostgreSQL transaction: %d threads, %d s ...%n", rawThreads, rawDuration.toSeconds());
            RawTransaction.Result raw = RawTransaction.run(bench, dealers.get(0).id(), dealers.get(0).repIds().get(0),
                    rawThreads, Duration.ofSeconds(3), rawDuration);

            List<LatencyChart.Point> points = new ArrayList<>();
            for (LoadGenerator.Result r : platform.steps()) {
                points.add(new LatencyChart.Point(r.offeredRate(), r.percentileMillis(50), r.percentileMillis(99),
                        r.errors() > 0));
            }
            Path chart = Report.recording() ? BenchMain.repo().resolve("docs/benchmarks/intake-latency.png")
                    : BenchMain.repo().resolve("bench/target/intake-latency.png");
            LatencyChart.write(chart, "Lead intake (whole platform running): POST /leads latency against offered load",
                    points, P99_TARGET_MS);

            Table rawTable = new Table("threads", "commits", "seconds", "rate/s", "commit p50 ms", "commit p99 ms",
                    "commit max ms", "failures");
            rawTable.row(raw.threads(), raw.commits(), String.format("%.1f", raw.seconds()), Table.num(raw.rate()),
                    Table.ms(raw.commitMicros().getValueAtPercentile(50) / 1000.0),
                    Table.ms(raw.commitMicros().getValueAtPercentile(99) / 1000.0),
                    Table.ms(raw.commitMicros().getMaxValue() / 1000.0), raw.failures());
            Table summary = new Table("figure", "measured", "target");
            summary.row("highest rate that holds, whole platform running (p99 <= 50 ms, no errors)",
                    Table.num(platform.held()) + " leads/s", ">= 1000 leads/s");
            summary.row("highest rate that holds, intake alone", Table.num(alone.held()) + " leads/s", "");
            summary.row("raw PostgreSQL rate of the same transaction", Table.num(raw.rate()) + " tx/s", "");
            summary.row("ratio intake / raw, whole platform", String.format("%.2f", platform.held() / raw.rate()), ">= 0.5");
            summary.row("ratio intake / raw, intake alone", String.format("%.2f", alone.held() / raw.rate()), ">= 0.5");
            summary.row("leads stored / requests sent (incl. warm-up)", stored + " / " + accepted, "equal");
            report.note("Setup: " + dealerCount + " dealers x 3 reps, one API key each, leads spread round-robin over"
                    + " the dealers; distinct phones and emails (no de-duplication); all four services running (cadence,"
                    + " messaging and the fake Twilio process the leads as they come); warm-up " + warmSent
                    + " leads at 25 then 50/s; before each step the platform settles (machine under 30 % busy, at most 120 s);"
                    + " steps of " + step.toSeconds() + " s. Latency from each request's intended start"
                    + " (open model). Chart: [intake-latency.png](benchmarks/intake-latency.png).\n");
            report.section("Ramp 1, whole platform running: intake steps", platform.table());
            report.section(platform.cpuTitle("ramp 1"), platform.cpuTable(step));
            report.section("Ramp 2, intake alone (cadence, messaging, task stopped): intake steps", alone.table());
            report.section(alone.cpuTitle("ramp 2"), alone.cpuTable(step));
            report.section("Raw PostgreSQL: intake_document + lead + outbox_event rows, one commit per lead, no batching",
                    rawTable);
            report.section("Resident memory during ramp 1 (MB)", memoryTable(memory));
            report.section("Intake summary", summary);
        }
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
        System.exit(0);
    }

    /** One ramp of rising fixed rates; stops at the first step that does not hold. */
    record Ramp(List<LoadGenerator.Result> steps, List<Long> backlogs, List<Double> machineBusy,
            Map<String, Long> cpuBefore, Map<String, Long> cpuAfter, double held) {

        Table table() {
            Table table = new Table("offered leads/s", "sent", "2xx", "achieved/s", "p50 ms", "p90 ms", "p99 ms",
                    "p99.9 ms", "max ms", "errors", "outbox backlog after", "machine CPU busy", "holds");
            for (int i = 0; i < steps.size(); i++) {
                LoadGenerator.Result r = steps.get(i);
                table.row(Table.num(r.offeredRate()), r.sent(), r.ok(), Table.num(r.achievedRate()),
                        Table.ms(r.percentileMillis(50)), Table.ms(r.percentileMillis(90)), Table.ms(r.percentileMillis(99)),
                        Table.ms(r.percentileMillis(99.9)), Table.ms(r.maxMillis()), r.errorSummary(), backlogs.get(i),
                        String.format("%.0f %%", machineBusy.get(i) * 100), holds(r) ? "yes" : "NO");
            }
            return table;
        }

        String cpuTitle(String name) {
            LoadGenerator.Result last = steps.get(steps.size() - 1);
            return String.format("CPU by process during the last step of %s (%.0f leads/s offered, %d answered)", name,
                    last.offeredRate(), last.ok());
        }

        Table cpuTable(Duration step) {
            return CpuMeter.table(cpuBefore, cpuAfter, step.toSeconds(), steps.get(steps.size() - 1).ok(), "lead");
        }
    }

    static boolean holds(LoadGenerator.Result result) {
        return result.errors() == 0 && result.percentileMillis(99) <= P99_TARGET_MS;
    }

    static Ramp ramp(BenchPlatform bench, LoadGenerator generator, LoadGenerator.RequestFactory factory, double[] rates,
            Duration step) throws Exception {
        List<LoadGenerator.Result> steps = new ArrayList<>();
        List<Long> backlogs = new ArrayList<>();
        List<Double> machineBusy = new ArrayList<>();
        CpuMeter cpu = bench.cpuMeter();
        Map<String, Long> cpuBefore = Map.of();
        Map<String, Long> cpuAfter = Map.of();
        double held = 0;
        for (double rate : rates) {
            System.out.printf("[bench] step: %.0f leads/s for %d s ...%n", rate, step.toSeconds());
            cpuBefore = cpu.sample();
            LoadGenerator.Result result = generator.run(rate, step, factory, LoadGenerator.IGNORE);
            cpuAfter = cpu.sample();
            machineBusy.add(CpuMeter.busyShare(cpuBefore, cpuAfter));
            long backlog = outboxBacklog(bench);
            steps.add(result);
            backlogs.add(backlog);
            System.out.printf("[bench]   p50 %s ms, p99 %s ms, max %s ms, achieved %.0f/s, errors %s, outbox backlog %d%n",
                    Table.ms(result.percentileMillis(50)), Table.ms(result.percentileMillis(99)),
                    Table.ms(result.maxMillis()), result.achievedRate(), result.errorSummary(), backlog);
            if (!holds(result)) {
                break;
            }
            held = rate;
            awaitOutboxDrained(bench, Duration.ofSeconds(20));
            bench.settle(Duration.ofSeconds(120));
        }
        return new Ramp(steps, backlogs, machineBusy, cpuBefore, cpuAfter, held);
    }

    static Table memoryTable(Map<String, MemorySampler.Usage> memory) {
        Table table = new Table("service", "max RSS MB", "average RSS MB", "samples", "target");
        memory.forEach((name, usage) -> table.row(name, Table.num(usage.maxMb()), Table.num(usage.averageMb()),
                usage.samples(), "< 300 MB"));
        return table;
    }

    static long outboxBacklog(BenchPlatform bench) throws SQLException {
        return count(bench, "select count(*) from lead.outbox_event where shard < " + RawTransaction.RAW_SHARD_BASE);
    }

    static void awaitOutboxDrained(BenchPlatform bench, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (outboxBacklog(bench) > 50 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    static long count(BenchPlatform bench, String sql) throws SQLException {
        try (Connection connection = bench.jdbc(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
