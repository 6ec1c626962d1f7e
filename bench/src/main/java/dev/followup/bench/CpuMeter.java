package dev.followup.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went during a phase: user + system time (/proc/&lt;pid&gt;/stat) of each service JVM, of
 * all PostgreSQL processes, and of this harness's JVM (which also hosts the Kafka broker, the fake Twilio and the
 * load generator), against the machine's total busy time (/proc/stat). Linux only, like the memory sampler.
 */
public final class CpuMeter {
    /** USER_HZ: the unit of the /proc times; 100 on every mainstream Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;

    static final String HARNESS = "harness JVM (Kafka broker, fake Twilio, load generator)";
    static final String LOAD_GENERATOR = "  of which the load generator (HTTP client threads, not the platform's)";
    static final String FAKE_TWILIO = "  of which the fake Twilio";
    static final String PLATFORM = "platform: all processes but the load generator";

    private final Map<String, Long> services;

    public CpuMeter(Map<String, Long> servicePids) {
        this.services = new LinkedHashMap<>(servicePids);
    }

    /** CPU ticks used so far per group, plus "machine busy" and "machine total" (all cores). */
    public Map<String, Long> sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        services.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
        ticks.put("postgresql (all backends)", postgresTicks());
        long harness = processTicks(ProcessHandle.current().pid());
        ticks.put(HARNESS, harness);
        long[] byRole = harnessThreadTicks();
        ticks.put(LOAD_GENERATOR, byRole[0]);
        ticks.put(FAKE_TWILIO, byRole[1]);
        long platform = harness - byRole[0];
        for (Map.Entry<String, Long> e : ticks.entrySet()) {
            if (!e.getKey().equals(HARNESS) && !e.getKey().startsWith("  ")) {
                platform += e.getValue();
            }
        }
        ticks.put(PLATFORM, platform);
        long[] machine = machineTicks();
        ticks.put("machine busy", machine[0]);
        ticks.put("machine total", machine[1]);
        return ticks;
    }

    /**
     * A table of each group's share between two samples: CPU seconds, cores used on average, and CPU milliseconds
     * per unit of work (e.g. per lead) when {@code units} is positive.
     */
    public static Table table(Map<String, Long> before, Map<String, Long> after, double seconds, long units, String unit) {
        Table table = new Table("process", "CPU s", "cores used (of " + Runtime.getRuntime().availableProcessors() + ")",
                "CPU ms per " + unit);
        for (String name : after.keySet()) {
            if (name.equals("machine total")) {
                continue;
            }
            double cpuSeconds = cpuSeconds(before, after, name);
            table.row(name, String.format("%.1f", cpuSeconds), String.format("%.2f", cpuSeconds / seconds),
                    units > 0 ? String.format("%.1f", cpuSeconds * 1000 / units) : "");
        }
        return table;
    }

    /** CPU seconds a group used between two samples. */
    public static double cpuSeconds(Map<String, Long> before, Map<String, Long> after, String name) {
        return (after.get(name) - before.getOrDefault(name, 0L)) / TICKS_PER_SECOND;
    }

    /** The machine's busy share (0..1, all cores) between two samples. */
    public static double busyShare(Map<String, Long> before, Map<String, Long> after) {
        long total = after.get("machine total") - before.getOrDefault("machine total", 0L);
        return total <= 0 ? 0 : (after.get("machine busy") - before.getOrDefault("machine busy", 0L)) / (double) total;
    }

    /**
     * CPU ticks used so far by each live thread of each service, keyed {@code service|activity|thread id}: what
     * its threads do, from each thread's name in /proc/&lt;pid&gt;/task (the kernel keeps its first 15 characters).
     * {@link #activities} turns two samples into the budget of a phase by activity.
     */
    public Map<String, Long> sampleThreads() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        services.forEach((name, pid) -> {
            ticks.put(name + "|" + PROCESS, processTicks(pid));
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
                for (Path task : tasks) {
                    try {
                        String thread = Files.readString(task.resolve("comm")).trim();
                        ticks.put(name + "|" + activity(thread) + "|" + task.getFileName(), statTicks(task));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended while we looked
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        return ticks;
    }

    private static final String PROCESS = "whole process";
    static final String ENDED = "threads that ended during the phase (pool threads retired when idle)";

    /**
     * Each service's CPU ticks between two {@link #sampleThreads} samples by activity ({@code service: activity}):
     * a thread counts from the first sample, or from its start when it started after it; what threads that ended
     * in between used is the process's total minus the rest, shown as its own line.
     */
    public static Map<String, Long> activities(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> byActivity = new java.util.TreeMap<>();
        Map<String, Long> counted = new LinkedHashMap<>();
        after.forEach((key, ticks) -> {
            String[] parts = key.split("\\|");
            if (parts.length < 3) {
                return;
            }
            long earlier = before.getOrDefault(key, 0L);
            long used = ticks >= earlier ? ticks - earlier : ticks; // fewer ticks: the id was reused by a new thread
            byActivity.merge(parts[0] + ": " + parts[1], used, Long::sum);
            counted.merge(parts[0], used, Long::sum);
        });
        counted.forEach((service, sum) -> {
            String key = service + "|" + PROCESS;
            long process = after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
            byActivity.put(service + ": " + ENDED, Math.max(0, process - sum));
        });
        return byActivity;
    }

    /** What a service thread does, by its (truncated) name. */
    static String activity(String thread) {
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
            return "JIT compiler";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
            return "GC and safepoints";
        }
        if (thread.startsWith("executor-thread") || thread.startsWith("vert.x-worker")) {
            return "worker threads (REST handlers, Kafka record handlers)";
        }
        if (thread.startsWith("vert.x-eventloo") || thread.startsWith("vert.x-acceptor")) {
            return "event loops (HTTP I/O, record dispatch)";
        }
        if (thread.startsWith("smallrye-kafka") || thread.startsWith("kafka-coordina")) {
            return "Kafka consumers (polling, heartbeats)";
        }
        if (thread.startsWith("kafka-producer")) {
            return "Kafka producers (network)";
        }
        if (thread.startsWith("db-scheduler")) {
            return "timers (db-scheduler)";
        }
        if (thread.startsWith("send-")) {
            return "text sending (send lanes: claim, Twilio call, record)";
        }
        return "other";
    }

    static long processTicks(long pid) {
        try {
            return statTicks(Path.of("/proc", String.valueOf(pid)));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User + system ticks in the {@code stat} file of a process or thread folder (/proc/&lt;pid&gt;[/task/&lt;tid&gt;]). */
    private static long statTicks(Path folder) throws IOException {
        String stat = Files.readString(folder.resolve("stat"));
        // fields after the command name, which is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    }

    private static long postgresTicks() {
        long sum = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        sum += processTicks(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /**
     * The harness JVM's CPU by role, from its live threads (ticks): the load generator's HTTP client and the fake
     * Twilio's server threads; the load generator is its HTTP client's threads and the main thread, which paces
     * requests and runs the benchmark; the rest is the Kafka broker. A thread that ended
     * between two samples takes its time with it, so these are lower bounds and the broker's share an upper one.
     */
    static long[] harnessThreadTicks() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long generator = 0;
        long twilio = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos <= 0) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("HttpClient-") || name.equals("main")) {
                generator += nanos;
            } else if (name.startsWith("fake-twilio-") || name.startsWith("HTTP-Dispatcher")) {
                twilio += nanos;
            }
        }
        long nanosPerTick = (long) (1_000_000_000L / TICKS_PER_SECOND);
        return new long[] {generator / nanosPerTick, twilio / nanosPerTick};
    }

    private static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
