package dev.followup.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import dev.followup.testing.twilio.FakeTwilio;

/**
 * Benchmark 2: leads at 100/s for 60 s inside the recipients' sending window; for each lead, the time from its 201
 * answer (as the load generator saw it) to the fake Twilio receiving its first text (matched by the To number).
 * Both timestamps are {@link System#nanoTime()} of this JVM: the fake Twilio runs in it.
 */
public final class SpeedToLeadBench {
    /** Area codes whose time zone libphonenumber knows, with that zone. */
    private static final String[][] AREAS = {{"212", "America/New_York"}, {"312", "America/Chicago"},
            {"303", "America/Denver"}, {"415", "America/Los_Angeles"}, {"907", "America/Anchorage"},
            {"808", "Pacific/Honolulu"}};

    private SpeedToLeadBench() {
    }

    public static void main(String[] args) throws Exception {
        double[] rates = Options.rates("bench.stl.rates", "100,25");
        Duration duration = Options.seconds("bench.stl.seconds", 60);
        int dealerCount = Integer.getInteger("bench.stl.dealers", 10);
        BenchPlatform.timeLimit(Integer.getInteger("bench.time-limit-minutes", 11));

        Report report = new Report("speed-to-lead");
        try (BenchPlatform bench = BenchPlatform.start("speed-to-lead", Map.of())) {
            Recipients recipients = Recipients.inSendingWindow(bench);
            String chosenArea = recipients.areaCode();
            String clockNote = recipients.clockNote();

            Leads leads = new Leads(bench.platform.lead().baseUrl());
            List<Leads.BenchDealer> dealers = leads.createDealers(dealerCount, "America/Chicago", "IL", 3);
            String runTag = Long.toString(System.currentTimeMillis(), 36);
            LoadGenerator generator = new LoadGenerator(LoadGenerator.newClient()).drainTimeout(Duration.ofSeconds(15));

            // Warm-up: one lead per dealer until its text arrives (directory reached cadence and messaging), then a ramp.
            long[] base = {0};
            for (double warmRate : new double[] {1, 10, 25, 50}) {
                long first = base[0];
                int count = warmRate == 1 ? dealerCount : (int) (warmRate * 10);
                System.out.printf("[bench] warm-up: %d leads at %.0f/s (not measured)%n", count, warmRate);
                LoadGenerator.Result warm = generator.run(warmRate, Duration.ofMillis((long) (count * 1000 / warmRate)),
                        i -> leads.textableLead(dealers, chosenArea, first + i, runTag),
                        LoadGenerator.IGNORE);
                System.out.println("[bench] warm-up: " + warm.outcomes());
                base[0] += warm.sent();
                awaitTexts(bench.twilio, chosenArea, first, base[0], Duration.ofSeconds(warmRate == 1 ? 120 : 30));
            }
            for (int r = 0; r < rates.length; r++) {
                if (r > 0) {
                    // a saturated rate leaves texts to send: wait for all of them, so this rate starts on an empty path
                    awaitTexts(bench.twilio, chosenArea, 0, base[0], Duration.ofSeconds(420));
                }
                bench.settle(Duration.ofSeconds(120));
                bench.memory.reset();
                long first = base[0];
                base[0] += measure(bench, generator, leads, dealers, chosenArea, runTag, first, rates[r], duration, report,
                        r == 0 ? "Setup: " + dealerCount + " dealers, leads round-robin, recipients in area code " + chosenArea
                                + " (inside the 08:00-21:00 sending window; " + clockNote + "); all four services and the fake"
                                + " Twilio (in the benchmark JVM) running; warm-up " + first + " leads; before each rate every"
                                + " earlier lead has its text (at most 420 s) and the machine is under 30 % busy. The issue's rate comes first; a lower one"
                                + " after it shows the path's latency when the machine is not saturated.\n" : null);
            }
        }
        report.finish(BenchMain.repo().resolve("docs/benchmarks.md"));
        System.exit(0);
    }

    /** One measured run at a fixed rate; the tables go into the report. @return leads sent */
    private static long measure(BenchPlatform bench, LoadGenerator generator, Leads leads, List<Leads.BenchDealer> dealers,
            String chosenArea, String runTag, long first, double rate, Duration duration, Report report, String setupNote)
            throws Exception {
        int dealerCount = dealers.size();

        Map<String, Long> answered = new ConcurrentHashMap<>();
        CpuMeter cpu = bench.cpuMeter();
        Map<String, Long> cpuBefore = cpu.sample();
        long cpuStarted = System.nanoTime();
        System.out.printf("[bench] measured: %.0f leads/s for %d s ...%n", rate, duration.toSeconds());
        LoadGenerator.Result result = generator.run(rate, duration,
                i -> leads.textableLead(dealers, chosenArea, first + i, runTag),
                (i, response, completedNanos) -> {
                    if (response.statusCode() == 201) {
                        answered.put(Leads.phone(chosenArea, first + i), completedNanos);
                    }
                });
        long last = first + result.sent();
        awaitTexts(bench.twilio, chosenArea, first, last, Duration.ofSeconds(30));
        Map<String, Long> cpuAfter = cpu.sample();
        double cpuSeconds = (System.nanoTime() - cpuStarted) / 1e9;
        Map<String, MemorySampler.Usage> memory = bench.memory.snapshot();

        Map<String, Long> firstText = firstTextTimes(bench.twilio);
        Histogram speed = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        long missing = 0;
        long negative = 0;
        for (Map.Entry<String, Long> lead : answered.entrySet()) {
            Long textAt = firstText.get(lead.getKey());
            if (textAt == null) {
                missing++;
                continue;
            }
            long micros = (textAt - lead.getValue()) / 1000;
            if (micros < 0) {
                negative++;
                micros = 0;
            }
            speed.recordValue(Math.min(micros, speed.getHighestTrackableValue()));
        }

        Table table = new Table("measure", "count", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "target");
        table.row("201 answered -> fake Twilio receives the text", speed.getTotalCount(), ms(speed, 50), ms(speed, 90),
                ms(speed, 99), ms(speed, 99.9), Table.ms(speed.getMaxValue() / 1000.0), "p50 < 50 ms, p99 < 250 ms");
        table.row("POST /leads (intended start -> 201)", result.ok(), Table.ms(result.percentileMillis(50)),
                Table.ms(result.percentileMillis(90)), Table.ms(result.percentileMillis(99)),
                Table.ms(result.percentileMillis(99.9)), Table.ms(result.maxMillis()), "p99 < 50 ms");
        Table counts = new Table("leads sent", "201", "errors", "texts received for them", "no text within 30 s",
                "text before the 201 was read (counted as 0)");
        counts.row(result.sent(), answered.size(), result.errorSummary(), speed.getTotalCount(), missing, negative);
        if (setupNote != null) {
            report.note(setupNote);
        }
        String at = " at " + Table.num(rate) + " leads/s for " + duration.toSeconds() + " s";
        report.section(String.format("CPU by process" + at + ", from the first lead until the last text (%.0f s; machine"
                + " busy %.0f %%)", cpuSeconds, CpuMeter.busyShare(cpuBefore, cpuAfter) * 100),
                CpuMeter.table(cpuBefore, cpuAfter, cpuSeconds, answered.size(), "lead"));
        report.section("Resident memory" + at + " (MB)", IntakeBench.memoryTable(memory));
        report.section("Counts" + at, counts);
        report.section("Speed to lead" + at, table);
        return result.sent();
    }

    /** Recipients (by area code) for whom it is sending time, moving every service's clock when it is nowhere. */
    record Recipients(String areaCode, String clockNote) {
        /**
         * The area code whose local time is nearest 14:00 now; when none is between 09:00 and 19:00, every service's
         * clock moves forward until Chicago is.
         */
        static Recipients inSendingWindow(BenchPlatform bench) {
            String areaCode = null;
            long best = Long.MAX_VALUE;
            for (String[] area : AREAS) {
                LocalTime local = LocalTime.now(ZoneId.of(area[1]));
                long distance = Math.abs(Duration.between(LocalTime.of(14, 0), local).toMinutes());
                if (local.isAfter(LocalTime.of(9, 0)) && local.isBefore(LocalTime.of(19, 0)) && distance < best) {
                    best = distance;
                    areaCode = area[0];
                }
            }
            String clockNote = "clocks not moved";
            if (areaCode == null) {
                ZoneId chicago = ZoneId.of("America/Chicago");
                var now = Instant.now().atZone(chicago);
                var target = now.toLocalDate().atTime(14, 0).atZone(chicago);
                if (!target.isAfter(now)) {
                    target = target.plusDays(1);
                }
                Duration advance = Duration.between(now, target);
                bench.platform.advanceClocks(advance);
                areaCode = "312";
                clockNote = "every service's clock moved forward by " + advance + " (the platform's clock file) to 14:00 Chicago";
            }
            System.out.println("[bench] recipients in area code " + areaCode + "; " + clockNote);
            return new Recipients(areaCode, clockNote);
        }
    }

    /** When the fake Twilio accepted each recipient's first text ({@link System#nanoTime()}). */
    static Map<String, Long> firstTextTimes(FakeTwilio twilio) {
        Map<String, Long> firstText = new HashMap<>();
        for (FakeTwilio.ReceivedRequest request : twilio.requests()) {
            if (request.accepted() && request.to() != null) {
                firstText.merge(request.to(), request.receivedNanos(), Math::min);
            }
        }
        return firstText;
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : Table.ms(h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** Waits until the fake Twilio has a text for every lead index in [from, to), or the patience runs out. */
    static void awaitTexts(FakeTwilio twilio, String areaCode, long from, long to, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (FakeTwilio.ReceivedRequest r : twilio.requests()) {
                if (r.to() != null) {
                    seen.add(r.to());
                }
            }
            long have = 0;
            for (long i = from; i < to; i++) {
                if (seen.contains(Leads.phone(areaCode, i))) {
                    have++;
                }
            }
            if (have >= to - from) {
                return;
            }
            Thread.sleep(500);
        }
        List<FakeTwilio.ReceivedRequest> all = twilio.requests();
        System.out.println("[bench] not every text arrived within " + patience.toSeconds() + " s; the fake Twilio has "
                + all.size() + " requests, e.g. " + all.stream().limit(3)
                        .map(r -> r.method() + " " + r.path() + " To=" + r.to() + " -> " + r.answeredStatus()).toList()
                + "; expected e.g. " + Leads.phone(areaCode, from));
    }
}
