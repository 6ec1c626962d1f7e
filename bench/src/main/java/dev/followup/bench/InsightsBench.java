package dev.followup.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import dev.followup.testing.processes.Platform;

/**
 * Benchmark 5: insights-service's report for one dealer over 90 days with 100,000 leads of that dealer in its read
 * model (and as many again of other dealers), at a fixed rate. The read model is written with SQL straight into
 * the insights schema, as its consumers would have filled it: per lead 2 text touches, a task, a reply for one lead
 * in five, an opt-out for one in fifty, an appointment for one in twenty, a holdout of one step for one in ten.
 */
public final class InsightsBench {
    private InsightsBench() {
    }

    public static void main(String[] args) throws Exception {
        int leads = Integer.getInteger("bench.insights.leads", 100_000);
        double[] rates = Options.rates("bench.insights.rates", "5,10,20");
        Duration duration = Options.seconds("bench.insights.seconds", 30);
        BenchPlatform.timeLimit(Integer.getInteger("bench.time-limit-minutes", 14));

        Report report = new Report("insights");
        try (BenchPlatform bench = BenchPlatform.start("insights", Map.of())) {
            UUID dealer = UUID.randomUUID();
            ZoneId zone = ZoneId.of("America/Chicago");
            long started = System.nanoTime();
            System.out.printf("[bench] generating %,d leads of one dealer over 90 days, and as many of 10 others ...%n", leads);
            try (Connection c = bench.jdbc(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("set local synchronous_commit = off");
                s.executeUpdate("insert into insights.dealer values ('" + dealer + "', 'Bench Motors', '" + zone.getId()
                        + "', now())");
                s.executeUpdate("""
                        insert into insights.rep (rep_id, dealer_id, name, role, active, updated_at)
                        select gen_random_uuid(), 'DEALER', 'Bench Rep ' || g, 'rep', true, now() from generate_series(1, 20) g
                        """.replace("DEALER", dealer.toString()));
                s.executeUpdate("""
                        insert into insights.lead_fact (lead_id, dealer_id, source, rep_id, received_at, textable, merges,
                            first_text_at, replied_at, reached_at, opted_out_at, appointment_at, status, status_changed_at)
                        select gen_random_uuid(),
                            case when g < LEADS then 'DEALER'::uuid else ('00000000-0000-4000-8000-00000000000' || (g % 10))::uuid end,
                            (array['website', 'cars.com', 'autotrader', 'facebook'])[1 + g % 4],
                            (select rep_id from insights.rep where dealer_id = 'DEALER' order by rep_id offset g % 20 limit 1),
                            now() - (g % 90) * interval '1 day' - (g % 600) * interval '1 minute',
                            g % 40 <> 0, case when g % 25 = 0 then 1 else 0 end,
                            now() - (g % 90) * interval '1 day' - (g % 600) * interval '1 minute' + (g % 120) * interval '1 second',
                            case when g % 5 = 0 then now() - (g % 90) * interval '1 day' + interval '1 hour' end,
                            case when g % 7 = 0 then now() - (g % 90) * interval '1 day' + interval '2 hours' end,
                            case when g % 50 = 0 then now() - (g % 90) * interval '1 day' + interval '3 hours' end,
                            case when g % 20 = 0 then now() - (g % 90) * interval '1 day' + interval '1 day' end,
                            case when g % 60 = 0 then 'sold' when g % 13 = 0 then 'lost' end,
                            case when g % 60 = 0 or g % 13 = 0 then now() - (g % 90) * interval '1 day' + interval '5 days' end
                        from generate_series(0, 2 * LEADS - 1) g
                        """.replace("LEADS", String.valueOf(leads)).replace("DEALER", dealer.toString()));
                s.executeUpdate("""
                        insert into insights.touch (idempotency_key, lead_id, dealer_id, channel, step_id, purpose,
                            requested_at, sent_at)
                        select l.lead_id || ':' || step, l.lead_id, l.dealer_id, 'text', step,
                            case when step = 'new-lead.first-touch' then 'first-touch' else 'cadence' end,
                            l.first_text_at + offs, l.first_text_at + offs
                        from insights.lead_fact l
                        cross join (values ('new-lead.first-touch', interval '0'), ('new-lead.day-1', interval '1 day')) t(step, offs)
                        where l.first_text_at is not null
                        """);
                s.executeUpdate("""
                        insert into insights.reply (reply_id, lead_id, dealer_id, intent, received_at)
                        select gen_random_uuid(), lead_id, dealer_id, 'other', replied_at from insights.lead_fact
                        where replied_at is not null
                        """);
                s.executeUpdate("""
                        insert into insights.task_fact (task_id, lead_id, dealer_id, rep_id, kind, due_at, created_at,
                            completed_at, outcome)
                        select gen_random_uuid(), lead_id, dealer_id, coalesce(rep_id, gen_random_uuid()), 'call',
                            received_at + interval '1 hour', received_at + interval '1 minute',
                            case when reached_at is not null then reached_at end,
                            case when reached_at is not null then 'reached' end
                        from insights.lead_fact
                        """);
                s.executeUpdate("""
                        insert into insights.holdout (lead_id, step_id, dealer_id, channel, held_out_at)
                        select lead_id, 'new-lead.day-3', dealer_id, 'text', received_at + interval '3 days'
                        from insights.lead_fact where abs(hashtext(lead_id::text)) % 10 = 0
                        """);
                // As the consumers would have: every lead marked for the roll-up pass.
                s.executeUpdate("insert into insights.stale_lead (lead_id) select lead_id from insights.lead_fact");
                c.commit();
                c.setAutoCommit(true);
                s.execute("analyze");
            }
            long inModel = IntakeBench.count(bench, "select count(*) from insights.lead_fact where dealer_id = '" + dealer + "'");
            double generateSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("[bench] %,d leads of the dealer in the read model (%.0f s); rolling up ...%n", inModel,
                    generateSeconds);
            long rollupStarted = System.nanoTime();
            while (IntakeBench.count(bench, "select (select count(*) from insights.stale_lead)"
                    + " + (select count(*) from insights.stale_day)") > 0) {
                Thread.sleep(200);
            }
            double rollupSeconds = (System.nanoTime() - rollupStarted) / 1e9;
            long days = IntakeBench.count(bench, "select count(distinct day) from insights.lead_day where dealer_id = '"
                    + dealer + "'");
            System.out.printf("[bench] rolled up %d days of the dealer in %.1f s%n", days, rollupSeconds);

            LocalDate to = LocalDate.now(zone);
            LocalDate from = to.minusDays(89);
            String url = bench.platform.insights().baseUrl() + "/insights/dealers/" + dealer + "?from=" + from + "&to=" + to;
            LoadGenerator generator = new LoadGenerator(LoadGenerator.newClient()).drainTimeout(Duration.ofSeconds(30));
            LoadGenerator.RequestFactory factory = i -> HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + Platform.adminToken("insights-service"))
                    .header("Accept", "application/json").GET().build();
            System.out.println("[bench] warm-up: 20 s at 2/s (not measured): "
                    + generator.run(2, Duration.ofSeconds(20), factory, LoadGenerator.IGNORE).outcomes());
            Table table = new Table("offered/s", "sent", "200", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                    "errors", "machine CPU busy", "target");
            for (double rate : rates) {
                bench.settle(Duration.ofSeconds(120));
                CpuMeter cpu = bench.cpuMeter();
                Map<String, Long> before = cpu.sample();
                System.out.printf("[bench] measured: %.0f/s for %d s ...%n", rate, duration.toSeconds());
                LoadGenerator.Result result = generator.run(rate, duration, factory, LoadGenerator.IGNORE);
                Map<String, Long> after = cpu.sample();
                table.row(Table.num(rate), result.sent(), result.ok(), Table.num(result.achievedRate()),
                        Table.ms(result.percentileMillis(50)), Table.ms(result.percentileMillis(90)),
                        Table.ms(result.percentileMillis(99)), Table.ms(result.maxMillis()), result.errorSummary(),
                        String.format("%.0f %%", CpuMeter.busyShare(before, after) * 100), "p99 < 100 ms");
            }
            report.note(String.format("Setup: %,d leads of one dealer received over the last 90 days (and %,d of other"
                    + " dealers) written into insights' read model with SQL in %.0f s: per lead two text touches, a call"
                    + " task, a reply for one in five, an opt-out for one in fifty, an appointment for one in twenty, a"
                    + " holdout of one step for one in ten. Every lead then marked stale, as the consumers mark what they"
                    + " change: the roll-up pass recomputed the dealer's %d days (and the other dealers' facts found no"
                    + " dealer, as unknown dealers have none) in %.1f s. GET /insights/dealers/{id}?from=&to= over the"
                    + " 90 days with the admin token; warm-up 20 s at 2/s; each rate on a settled machine; all five"
                    + " services running.%n", inModel, leads, generateSeconds, days, rollupSeconds));
            report.section("GET /insights/dealers/{dealerId}, 90 days, " + duration.toSeconds() + " s per rate", table);
        }
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
        System.exit(0);
    }
}
