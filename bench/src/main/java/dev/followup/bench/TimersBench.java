package dev.followup.bench;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.processes.Platform;
import dev.followup.testing.processes.ServiceProcess;

/**
 * Benchmark 3: durable timers. 1,000,000 pending follow-ups are written straight into cadence-service's tables, in the
 * shape cadence writes them (lead_cadence rows on the new-lead plan waiting for step 2, "text-day1", and one
 * db-scheduler execution "lead-step" / "&lt;leadId&gt;/&lt;timerVersion&gt;" in scheduled_tasks each). Due times
 * live on a virtual timeline two days ahead (14:00 Chicago, inside the sending window of the 512 numbers); cadence's
 * clock is moved there through the platform's clock file, so nothing is due while the rows are written.
 * <p>
 * Per phase (one replica, then two): {@code 500 x W} timers due at 500/s for W seconds, then 10,000 due at the same
 * instant. Fire time = the step's "text-sent" decision's {@code decided_at}, which cadence stamps with its clock when
 * the fired step runs (not the touch row: messaging refuses texts past the one dealer's daily quota, and cadence then
 * forgets their touches); lateness = fire time - due time. The other ~920,000 timers are due 10 to 40 days later:
 * they are the pending load.
 */
public final class TimersBench {
    private static final String STEP_ID = "new-lead.1.text-day1";
    /** A measured timer has fired once its step decided to send the text (the touch row may be forgotten later). */
    private static final String FIRED = " from bench.due d join cadence.decision f on f.lead_id = d.lead_id"
            + " and f.kind = 'text-sent' and f.step_id = '" + STEP_ID + "' where d.phase = ";

    private TimersBench() {
    }

    /** The burst is due an hour (virtual) after the steady part: the harness moves the clock there once the steady
     *  timers are done, so the burst is drained from an empty queue and its drain time is its own. */
    private record Phase(String name, Instant steadyStart, int steady, Duration window, Instant burstAt, int burst) {
        Instant steadyEnd() {
            return steadyStart.plus(window);
        }
    }

    public static void main(String[] args) throws Exception {
        int total = Integer.getInteger("bench.timers.total", 1_000_000);
        int rate = Integer.getInteger("bench.timers.rate", 500);
        int window = Integer.getInteger("bench.timers.steady-seconds", 20);
        int burst = Integer.getInteger("bench.timers.burst", 10_000);
        Duration drainPatience = Options.seconds("bench.timers.drain-seconds", 300);
        BenchPlatform.timeLimit(Integer.getInteger("bench.time-limit-minutes", 29));

        Report report = new Report("timers");
        try (BenchPlatform bench = BenchPlatform.start("timers",
                BenchPlatform.env("FOLLOWUP_CADENCE_SCHEDULER_NAME", "cadence-1"))) {
            Leads leads = new Leads(bench.platform.lead().baseUrl());
            Leads.BenchDealer dealer = leads.createDealer(0, "America/Chicago", "TX", 3);
            awaitDirectory(bench, dealer);

            ZoneId chicago = ZoneId.of("America/Chicago");
            ZonedDateTime base = ZonedDateTime.now(chicago).toLocalDate().plusDays(2).atTime(14, 0).atZone(chicago);
            int steady = rate * window;
            Phase one = new Phase("1 replica", base.toInstant(), steady, Duration.ofSeconds(window),
                    base.toInstant().plusSeconds(window + 3600), burst);
            // Two hours later on the same day: a day later, the first phase's leads would have their next step (a call)
            // due inside this phase, and its texts still waiting in messaging would be refused at the window's end.
            Phase two = new Phase("2 replicas", base.plusHours(2).toInstant(), steady, Duration.ofSeconds(window),
                    base.plusHours(2).toInstant().plusSeconds(window + 3600), burst);
            long started = System.nanoTime();
            insert(bench, dealer, total, rate, List.of(one, two), base.plusDays(10).toInstant());
            double insertSeconds = (System.nanoTime() - started) / 1e9;
            long pending = IntakeBench.count(bench, "select count(*) from cadence.scheduled_tasks");
            System.out.printf("[bench] %,d timers pending (written in %.0f s)%n", pending, insertSeconds);

            String cadence1 = bench.platform.cadence().baseUrl();
            bench.memory.reset();
            bench.platform.moveClocksTo(one.steadyStart().minusSeconds(15));
            CpuMeter cpuOne = bench.cpuMeter();
            Map<String, Long> cpuOneBefore = cpuOne.sample();
            long phaseOneStarted = System.nanoTime();
            runPhase(bench, List.of(cadence1), one, drainPatience);
            Map<String, Long> cpuOneAfter = cpuOne.sample();
            double phaseOneSeconds = (System.nanoTime() - phaseOneStarted) / 1e9;
            Map<String, MemorySampler.Usage> memoryOne = bench.memory.snapshot();
            try (Connection c = bench.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select priority, picked, count(*) from cadence.scheduled_tasks group by 1, 2 order by 1, 2")) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(" [priority ").append(rs.getObject(1)).append(", picked ").append(rs.getBoolean(2))
                            .append(": ").append(rs.getLong(3)).append(']');
                }
                System.out.println("[bench] scheduled_tasks now:" + rows);
            }

            System.out.println("[bench] starting a second cadence replica ...");
            Map<String, MemorySampler.Usage> memoryTwo;
            Map<String, Long> cpuTwoBefore;
            Map<String, Long> cpuTwoAfter;
            double phaseTwoSeconds;
            ServiceProcess cadence2 = bench.platform.startReplica("cadence-service", "cadence-service-2",
                    Map.of("FOLLOWUP_CADENCE_SCHEDULER_NAME", "cadence-2"));
            try {
                cadence2.awaitReady(Duration.ofSeconds(180));
                bench.memory.watch("cadence-service-2", cadence2.pid());
                // every process follows the same clock file: the new replica starts at the shared offset
                bench.platform.moveClocksTo(two.steadyStart().minusSeconds(15));
                bench.memory.reset();
                CpuMeter cpuTwo = bench.cpuMeter(cadence2);
                cpuTwoBefore = cpuTwo.sample();
                long phaseTwoStarted = System.nanoTime();
                runPhase(bench, List.of(cadence1, cadence2.baseUrl()), two, drainPatience);
                cpuTwoAfter = cpuTwo.sample();
                phaseTwoSeconds = (System.nanoTime() - phaseTwoStarted) / 1e9;
                memoryTwo = bench.memory.snapshot();
            } finally {
                cadence2.stop();
            }

            Table lateness = new Table("phase", "due", "fired", "not fired", "firing rate/s", "lateness p50 ms",
                    "p90 ms", "p99 ms", "max ms", "target");
            Table drain = new Table("phase", "due at the same second", "fired", "fired within 10 s", "drained in s",
                    "lateness p50 ms", "p99 ms", "target");
            Table achieved = new Table("phase", "timers fired per second while due at the offered rate",
                    "offered per second", "target");
            for (Phase phase : List.of(one, two)) {
                Stats s = stats(bench, phase.name() + " steady");
                long firedInWindow = IntakeBench.count(bench, "select count(*) from cadence.decision where kind = 'text-sent'"
                        + " and decided_at >= '" + phase.steadyStart() + "' and decided_at < '" + phase.steadyEnd() + "'");
                achieved.row(phase.name(), Table.num(firedInWindow / (double) phase.window().toSeconds()), rate, "500/s");
                lateness.row(phase.name(), phase.steady(), s.fired, phase.steady() - s.fired,
                        Table.num(s.fired / Math.max(0.001, s.spanSeconds)), ms(s.late, 50), ms(s.late, 90), ms(s.late, 99),
                        s.fired == 0 ? "-" : Table.ms(s.late.getMaxValue() / 1000.0), "p99 < 1000 ms");
                Stats b = stats(bench, phase.name() + " burst");
                drain.row(phase.name(), phase.burst(), b.fired, b.withinTenSeconds,
                        b.fired == 0 ? "-" : String.format("%.1f", b.late.getMaxValue() / 1e6), ms(b.late, 50),
                        ms(b.late, 99), "all within 10 s");
            }
            report.note(String.format("Setup: %,d timers pending in cadence.scheduled_tasks (written with COPY in %.0f s,"
                    + " with their lead_cadence rows); per phase %,d due at %d/s then %,d due at one instant; a fired"
                    + " timer runs the new-lead plan's text-day1 step (touch and decision rows, followup.send-message.v1"
                    + " through the outbox, the next timer scheduled); db-scheduler as cadence configures it"
                    + " (lock-and-fetch, 100 ms polling); every service follows the moved clock; messaging sends the"
                    + " resulting texts to the fake Twilio meanwhile, at the one dealer's pace. The second phase runs two"
                    + " hours after the first on the same virtual day. Steady timers still unfired %d s after the window"
                    + " are counted as not fired and removed; then the clocks move to the burst (due an hour later on the"
                    + " virtual timeline), so the burst starts on an empty queue.%n", pending, insertSeconds, steady, rate, burst,
                    drainPatience.toSeconds()));
            long firedOne = stats(bench, one.name() + " steady").fired + stats(bench, one.name() + " burst").fired;
            long firedTwo = stats(bench, two.name() + " steady").fired + stats(bench, two.name() + " burst").fired;
            report.section(String.format("CPU by process, 1 replica phase (%.0f s; machine busy %.0f %%)", phaseOneSeconds,
                    CpuMeter.busyShare(cpuOneBefore, cpuOneAfter) * 100),
                    CpuMeter.table(cpuOneBefore, cpuOneAfter, phaseOneSeconds, firedOne, "fired timer"));
            report.section(String.format("CPU by process, 2 replicas phase (%.0f s; machine busy %.0f %%)", phaseTwoSeconds,
                    CpuMeter.busyShare(cpuTwoBefore, cpuTwoAfter) * 100),
                    CpuMeter.table(cpuTwoBefore, cpuTwoAfter, phaseTwoSeconds, firedTwo, "fired timer"));
            report.section("Resident memory, 1 replica phase (MB)", IntakeBench.memoryTable(memoryOne));
            report.section("Resident memory, 2 replicas phase (MB)", IntakeBench.memoryTable(memoryTwo));
            report.section("Firing throughput (every lead-step firing, whichever timer)", achieved);
            report.section("Burst: 10,000 due at the same instant", drain);
            report.section("Lateness of due timers (fire time - due time) at " + rate + " firings/s", lateness);
        }
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
        System.exit(0);
    }

    private record Stats(long fired, Histogram late, double spanSeconds, long withinTenSeconds) {
    }

    private static Stats stats(BenchPlatform bench, String phase) throws Exception {
        Histogram late = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        long fired = 0;
        long within = 0;
        Instant first = null;
        Instant last = null;
        try (Connection c = bench.jdbc(); PreparedStatement q = c.prepareStatement("select d.due_at, f.decided_at" + FIRED + "?")) {
            q.setString(1, phase);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant due = rs.getTimestamp(1).toInstant();
                    Instant sent = rs.getTimestamp(2).toInstant();
                    long micros = Math.max(0, Duration.between(due, sent).toNanos() / 1000);
                    late.recordValue(Math.min(micros, late.getHighestTrackableValue()));
                    fired++;
                    if (micros <= 10_000_000) {
                        within++;
                    }
                    first = first == null || sent.isBefore(first) ? sent : first;
                    last = last == null || sent.isAfter(last) ? sent : last;
                }
            }
        }
        double span = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
        return new Stats(fired, late, span, within);
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : Table.ms(h.getValueAtPercentile(percentile) / 1000.0);
    }

    /**
     * The steady part (the clocks are already just before it), then the burst: waits for each part's timers to fire
     * (at most {@code patience} of wall-clock time each), removes steady timers that did not fire in time, and moves
     * every replica's clock by the same amount to 5 s before the burst.
     */
    private static void runPhase(BenchPlatform bench, List<String> cadenceUrls, Phase phase, Duration patience)
            throws Exception {
        awaitFired(bench, cadenceUrls.get(0), phase.name() + " steady", phase.steady(), patience);
        removeUnfired(bench, phase.name() + " steady");
        bench.platform.moveClocksTo(phase.burstAt().minusSeconds(5));
        awaitFired(bench, cadenceUrls.get(0), phase.name() + " burst", phase.burst(), patience.plusSeconds(5));
        removeUnfired(bench, phase.name() + " burst");
    }

    /** Timers of a part still pending would fire during the next part (earlier due time): they count as not fired. */
    private static void removeUnfired(BenchPlatform bench, String part) throws Exception {
        try (Connection c = bench.jdbc(); Statement st = c.createStatement()) {
            int removed = st.executeUpdate("delete from cadence.scheduled_tasks s using bench.due d"
                    + " where d.phase = '" + part + "' and s.task_name = 'lead-step'"
                    + " and s.task_instance = d.lead_id || '/1' and not s.picked");
            if (removed > 0) {
                System.out.printf("[bench] %s: %,d timers had not fired in time; removed%n", part, removed);
            }
        }
    }

    private static void awaitFired(BenchPlatform bench, String cadenceUrl, String part, int expected, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        long lastPrint = 0;
        while (true) {
            long fired = IntakeBench.count(bench, "select count(*)" + FIRED + "'" + part + "'");
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                System.out.printf("[bench] %s: %,d of %,d fired; cadence time %s%n", part, fired, expected,
                        bench.platform.now());
                lastPrint = System.nanoTime();
            }
            if (fired >= expected || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static void awaitDirectory(BenchPlatform bench, Leads.BenchDealer dealer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (IntakeBench.count(bench, "select count(*) from cadence.dealer where dealer_id = '" + dealer.id() + "'") == 1
                    && IntakeBench.count(bench, "select count(*) from cadence.rep where dealer_id = '" + dealer.id() + "'")
                            == dealer.repIds().size()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("cadence did not learn the dealer from dealer-directory within 180 s");
    }

    /** COPY of lead_cadence + scheduled_tasks rows (and bench.due for the measured ones), in chunks. */
    private static void insert(BenchPlatform bench, Leads.BenchDealer dealer, int total, int rate, List<Phase> phases,
            Instant restFrom) throws Exception {
        Map<String, long[]> ranges = new LinkedHashMap<>();
        long next = 0;
        List<Object[]> plan = new ArrayList<>(); // {phase name, first index, count, start instant, step nanos}
        for (Phase p : phases) {
            plan.add(new Object[] {p.name() + " steady", next, (long) p.steady(), p.steadyStart(), 1_000_000_000L / rate});
            next += p.steady();
            plan.add(new Object[] {p.name() + " burst", next, (long) p.burst(), p.burstAt(), 0L});
            next += p.burst();
        }
        long rest = total - next;
        plan.add(new Object[] {null, next, rest, restFrom, Duration.ofDays(30).toNanos() / Math.max(1, rest)});
        try (Connection c = bench.jdbc()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create schema if not exists bench");
                s.execute("create table if not exists bench.due (lead_id uuid primary key, phase text not null,"
                        + " due_at timestamptz not null)");
                s.execute("set synchronous_commit = off");
            }
            c.commit();
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            String dealerId = dealer.id();
            int chunk = 50_000;
            StringBuilder leadsRows = new StringBuilder();
            StringBuilder timerRows = new StringBuilder();
            StringBuilder dueRows = new StringBuilder();
            long written = 0;
            for (Object[] part : plan) {
                String phase = (String) part[0];
                long first = (Long) part[1];
                long count = (Long) part[2];
                Instant start = (Instant) part[3];
                long step = (Long) part[4];
                for (long k = 0; k < count; k++) {
                    long index = first + k;
                    Instant due = start.plusNanos(step * k);
                    Instant begun = due.minus(Duration.ofDays(1));
                    String leadId = UUID.randomUUID().toString();
                    String rep = dealer.repIds().get((int) (index % dealer.repIds().size()));
                    leadsRows.append(leadId).append('\t').append(dealerId).append('\t').append(rep)
                            .append("\twebsite\tAlex\tAlex Bench").append(index).append('\t').append(Leads.phone("512", index))
                            .append("\t78701\t2025 Toyota Camry SE\tt\tactive\tnew-lead\t1\t").append(begun)
                            .append("\t2\t").append(due).append("\t1\t").append(begun).append("\tt\t").append(begun).append('\n');
                    timerRows.append("lead-step\t").append(leadId).append("/1\t").append(due).append("\tf\t1\t0\n");
                    if (phase != null) {
                        dueRows.append(leadId).append('\t').append(phase).append('\t').append(due).append('\n');
                    }
                    written++;
                    if (written % chunk == 0) {
                        flush(copy, leadsRows, timerRows, dueRows);
                        c.commit();
                        if (written % 200_000 == 0) {
                            System.out.printf("[bench] %,d of %,d timers written%n", written, total);
                        }
                    }
                }
            }
            flush(copy, leadsRows, timerRows, dueRows);
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("analyze cadence.lead_cadence");
                s.execute("analyze cadence.scheduled_tasks");
                s.execute("analyze bench.due");
            }
        }
        ranges.clear();
    }

    private static void flush(CopyManager copy, StringBuilder leads, StringBuilder timers, StringBuilder due) throws Exception {
        if (leads.length() > 0) {
            copy.copyIn("copy cadence.lead_cadence (lead_id, dealer_id, rep_id, source, first_name, display_name, phone,"
                    + " postal_code, vehicle, text_consent, status, plan_kind, plan_run, plan_started_at, next_step_index,"
                    + " next_step_at, timer_version, received_at, first_text_sent, created_at) from stdin",
                    new StringReader(leads.toString()));
            copy.copyIn("copy cadence.scheduled_tasks (task_name, task_instance, execution_time, picked, version,"
                    + " consecutive_failures) from stdin", new StringReader(timers.toString()));
        }
        if (due.length() > 0) {
            copy.copyIn("copy bench.due (lead_id, phase, due_at) from stdin", new StringReader(due.toString()));
        }
        leads.setLength(0);
        timers.setLength(0);
        due.setLength(0);
    }
}
