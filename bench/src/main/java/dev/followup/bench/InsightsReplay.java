package dev.followup.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.followup.testing.Quiescence;
import dev.followup.testing.processes.ServiceProcess;

/**
 * Whether insights-service's consumers keep up with the platform's event rate, measured where nothing else limits
 * them: after a sustained run, a second insights-service reads every topic from the beginning into a fresh schema
 * (the documented rebuild) while the rest of the platform is idle. The rate at which it catches up, in leads a
 * second, is the most its consumers can take on this machine.
 */
final class InsightsReplay {
    private static final List<String> TOPICS = List.of("dealer-directory", "lead-events", "cadence-commands",
            "message-events", "task-events");

    private InsightsReplay() {
    }

    static Table run(BenchPlatform bench, Duration patience) throws Exception {
        String tag = Long.toString(System.currentTimeMillis(), 36);
        String group = "insights-replay-" + tag;
        String schema = "insights_replay_" + tag;
        String bootstrap = bench.servers.kafkaBootstrap();
        long records = Quiescence.lag(bootstrap, group, TOPICS);
        System.out.printf("[bench] insights replay: a second insights-service reads %,d records into schema %s ...%n",
                records, schema);
        ServiceProcess replay = bench.platform.startReplica("insights-service", "insights-replay",
                Map.of("FOLLOWUP_INSIGHTS_SCHEMA", schema, "FOLLOWUP_INSIGHTS_GROUP", group));
        try {
            CpuMeter cpu = bench.cpuMeter(replay);
            Map<String, Long> before = cpu.sample();
            long started = System.nanoTime();
            replay.awaitReady(Duration.ofSeconds(120));
            double startup = (System.nanoTime() - started) / 1e9;
            long lag = records;
            while (lag > 0 && System.nanoTime() - started < patience.toNanos()) {
                Thread.sleep(500);
                lag = Quiescence.lag(bootstrap, group, TOPICS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Long> after = cpu.sample();
            long leads = count(bench, "insights.lead_fact");
            long replayedLeads = count(bench, schema + ".lead_fact");
            long touches = count(bench, "insights.touch");
            long replayedTouches = count(bench, schema + ".touch");

            double replayCpu = CpuMeter.cpuSeconds(before, after, replay.name());
            Table table = new Table("records in the topics", "leads (read model / replayed)",
                    "touches (read model / replayed)", "seconds from process start to caught up (of which starting)",
                    "leads/s", "records/s", "records left", "replay CPU s", "replay CPU ms per lead", "machine busy",
                    "target");
            table.row(records, leads + " / " + replayedLeads, touches + " / " + replayedTouches,
                    String.format("%.0f (%.0f)", seconds, startup), String.format("%.0f", replayedLeads / seconds),
                    String.format("%.0f", (records - lag) / seconds), lag, String.format("%.1f", replayCpu),
                    String.format("%.2f", replayCpu * 1000 / Math.max(1, replayedLeads)),
                    String.format("%.0f %%", CpuMeter.busyShare(before, after) * 100), ">= 250 leads/s");
            return table;
        } finally {
            replay.stop();
        }
    }

    private static long count(BenchPlatform bench, String table) throws Exception {
        try (Connection c = bench.jdbc(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
