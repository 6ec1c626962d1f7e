package dev.followup.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.followup.testing.processes.Platform;

/**
 * Benchmark 4: task-service's GET /reps/{repId}/tasks with 1,000,000 tasks in its table, at a fixed rate.
 * <p>
 * The dealers and reps are written straight into task-service's directory read model (tables task.dealer and
 * task.rep, which its dealer-directory consumer fills in production), the tasks with one SQL statement: per rep
 * 1,000 tasks, of which 30 open and due today (some overdue), 20 open and due on later days, and 950 done or
 * cancelled over the past two months: a rep's list today has about 30 entries.
 */
public final class TaskApiBench {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private TaskApiBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("bench.tasks.reps", 1000);
        int perRep = Integer.getInteger("bench.tasks.per-rep", 1000);
        double[] rates = Options.rates("bench.tasks.rates", "25,50,100,200");
        double rate = rates[rates.length - 1];
        Duration duration = Options.seconds("bench.tasks.seconds", 30);
        int tokens = Integer.getInteger("bench.tasks.tokens", 200);
        BenchPlatform.timeLimit(Integer.getInteger("bench.time-limit-minutes", 14));

        Report report = new Report("task-api");
        try (BenchPlatform bench = BenchPlatform.start("task-api", Map.of())) {
            List<UUID> repIds = new ArrayList<>();
            long insertStarted = System.nanoTime();
            try (Connection c = bench.jdbc()) {
                c.setAutoCommit(false);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                try (PreparedStatement dealer = c.prepareStatement("insert into task.dealer (dealer_id, name, time_zone,"
                        + " active, updated_at) values (?, ?, 'America/Chicago', true, ?)");
                        PreparedStatement rep = c.prepareStatement("insert into task.rep (rep_id, dealer_id, name, role,"
                                + " active, updated_at) values (?, ?, ?, 'rep', true, ?)")) {
                    UUID dealerId = null;
                    for (int r = 0; r < reps; r++) {
                        if (r % 10 == 0) {
                            dealerId = UUID.randomUUID();
                            dealer.setObject(1, dealerId);
                            dealer.setString(2, "Bench Motors " + r / 10);
                            dealer.setObject(3, now);
                            dealer.addBatch();
                        }
                        UUID repId = UUID.randomUUID();
                        repIds.add(repId);
                        rep.setObject(1, repId);
                        rep.setObject(2, dealerId);
                        rep.setString(3, "Bench Rep " + r);
                        rep.setObject(4, now);
                        rep.addBatch();
                    }
                    dealer.executeBatch();
                    rep.executeBatch();
                }
                c.commit();
                System.out.printf("[bench] generating %,d tasks for %d reps ...%n", (long) reps * perRep, reps);
                try (Statement s = c.createStatement()) {
                    s.execute("set local synchronous_commit = off");
                    s.executeUpdate("""
                            with reps as (
                                select rep_id, dealer_id, (row_number() over (order by rep_id)) - 1 as n
                                from task.rep where name like 'Bench Rep %')
                            insert into task.task (task_id, lead_id, dealer_id, rep_id, kind, due_at, priority, urgent,
                                reason, score_value, score_factors, lead_display_name, lead_phone, lead_vehicle, status,
                                created_at, outcome, completed_at, completed_by, cancelled_at, cancel_reason)
                            select gen_random_uuid(), gen_random_uuid(), r.dealer_id, r.rep_id,
                                case when k % 5 = 0 then 'text' else 'call' end,
                                case when k < 30 then now() - interval '6 hours' + k * interval '10 minutes'
                                     when k < 50 then now() + (k - 29) * interval '1 day'
                                     else now() - (k / 15.0) * interval '1 day' end,
                                (k * 7) % 100, k % 17 = 0,
                                'Call back about the Camry: lead is ' || (k % 14) || ' days old',
                                (k % 100) / 100.0, '{"recency": 0.8, "visits": 0.1, "replies": 0.0}'::jsonb,
                                'Customer ' || g, '+1512' || lpad((2000000 + g % 7000000)::text, 7, '0'),
                                '2025 Toyota Camry SE',
                                case when k < 50 then 'open' when k % 10 = 0 then 'cancelled' else 'done' end,
                                now() - interval '60 days',
                                case when k >= 50 and k % 10 <> 0 then 'no-answer' end,
                                case when k >= 50 and k % 10 <> 0 then now() - (k / 15.0) * interval '1 day' + interval '1 hour' end,
                                case when k >= 50 and k % 10 <> 0 then r.rep_id end,
                                case when k >= 50 and k % 10 = 0 then now() - (k / 15.0) * interval '1 day' end,
                                case when k >= 50 and k % 10 = 0 then 'customer replied' end
                            from generate_series(0, LAST) g
                            cross join lateral (select g / PER as n, g % PER as k) nk
                            join reps r on r.n = nk.n
                            """.replace("LAST", String.valueOf((long) reps * perRep - 1))
                            .replace("PER", String.valueOf(perRep)));
                }
                c.commit();
                try (Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("analyze task.task");
                }
            }
            long tasks = IntakeBench.count(bench, "select count(*) from task.task");
            double insertSeconds = (System.nanoTime() - insertStarted) / 1e9;
            System.out.printf("[bench] %,d tasks in the table (%.0f s)%n", tasks, insertSeconds);

            String taskUrl = bench.platform.task().baseUrl();
            List<String[]> callers = new ArrayList<>();
            for (int i = 0; i < Math.min(tokens, repIds.size()); i++) {
                UUID repId = repIds.get(i * (repIds.size() / Math.min(tokens, repIds.size())));
                String token = Http.post(taskUrl + "/auth/tokens", Platform.adminToken("task-service"), Map.of("repId", repId.toString()), 200)
                        .get("token").asText();
                callers.add(new String[] {repId.toString(), token});
            }
            LoadGenerator generator = new LoadGenerator(LoadGenerator.newClient()).drainTimeout(Duration.ofSeconds(10));
            LoadGenerator.RequestFactory factory = i -> {
                String[] caller = callers.get((int) (i % callers.size()));
                return HttpRequest.newBuilder(URI.create(taskUrl + "/reps/" + caller[0] + "/tasks"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + caller[1])
                        .header("Accept", "application/json").GET().build();
            };
            for (double warmRate : new double[] {25, 50, 100, rate}) {
                System.out.printf("[bench] warm-up: 8 s at %.0f/s (not measured)%n", warmRate);
                System.out.println("[bench] warm-up: " + generator.run(warmRate, Duration.ofSeconds(8), factory,
                        LoadGenerator.IGNORE).outcomes());
            }
            Table table = new Table("offered/s", "sent", "200", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
                    "max ms", "errors", "average list size", "machine CPU busy", "target");
            Map<String, Long> cpuBefore = Map.of();
            Map<String, Long> cpuAfter = Map.of();
            Map<String, MemorySampler.Usage> memory = Map.of();
            LoadGenerator.Result result = null;
            for (double stepRate : rates) {
                bench.settle(Duration.ofSeconds(120));
                bench.memory.reset();
                CpuMeter cpu = bench.cpuMeter();
                cpuBefore = cpu.sample();
                LongAdder listed = new LongAdder();
                LongAdder lists = new LongAdder();
                System.out.printf("[bench] measured: %.0f/s for %d s ...%n", stepRate, duration.toSeconds());
                result = generator.run(stepRate, duration, factory, (i, response, done) -> {
                    Matcher m = COUNT.matcher(response.body());
                    if (response.statusCode() == 200 && m.find()) {
                        listed.add(Long.parseLong(m.group(1)));
                        lists.increment();
                    }
                });
                cpuAfter = cpu.sample();
                memory = bench.memory.snapshot();
                table.row(Table.num(stepRate), result.sent(), result.ok(), Table.num(result.achievedRate()),
                        Table.ms(result.percentileMillis(50)), Table.ms(result.percentileMillis(90)),
                        Table.ms(result.percentileMillis(99)), Table.ms(result.percentileMillis(99.9)),
                        Table.ms(result.maxMillis()), result.errorSummary(),
                        lists.sum() == 0 ? "-" : String.format("%.1f", listed.sum() / (double) lists.sum()),
                        String.format("%.0f %%", CpuMeter.busyShare(cpuBefore, cpuAfter) * 100), "p99 < 20 ms");
            }
            report.note(String.format("Setup: %,d tasks in task.task (%d reps x %d: 30 open due today, 20 open later,"
                    + " 950 done/cancelled), generated with one SQL statement in %.0f s; %d reps' tokens from POST"
                    + " /auth/tokens, requests cycle over them; warm-up 8 s each at 25, 50, 100 and %.0f/s; then each rate"
                    + " of the table on a settled machine; all four services running.%n", tasks, reps, perRep, insertSeconds,
                    callers.size(), rate));
            report.section(String.format("CPU by process during the last step, %.0f/s (machine busy %.0f %%)", rate,
                    CpuMeter.busyShare(cpuBefore, cpuAfter) * 100),
                    CpuMeter.table(cpuBefore, cpuAfter, duration.toSeconds(), result.ok(), "request"));
            report.section("Resident memory during the last step (MB)", IntakeBench.memoryTable(memory));
            report.section("GET /reps/{repId}/tasks, " + duration.toSeconds() + " s per rate", table);
        }
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
        System.exit(0);
    }
}
