package dev.followup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the resident memory (VmRSS in /proc/&lt;pid&gt;/status) of each watched process once a second and keeps,
 * per process, the maximum and the average of its samples. {@link #snapshot()} gives the figures so far; a phase can
 * {@link #reset()} to measure only itself.
 */
public final class MemorySampler implements AutoCloseable {
    private final Map<String, Long> pids = new ConcurrentHashMap<>();
    private final Map<String, long[]> stats = new ConcurrentHashMap<>(); // name -> {maxKb, sumKb, samples}
    private final Thread thread;
    private volatile boolean running = true;

    public MemorySampler() {
        thread = new Thread(this::loop, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public MemorySampler watch(String name, long pid) {
        pids.put(name, pid);
        return this;
    }

    public MemorySampler unwatch(String name) {
        pids.remove(name);
        return this;
    }

    public synchronized void reset() {
        stats.clear();
    }

    /** Resident memory in kB now, or -1 when the process is gone. */
    public static long residentKb(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public synchronized void sampleNow() {
        pids.forEach((name, pid) -> {
            long kb = residentKb(pid);
            if (kb > 0) {
                long[] s = stats.computeIfAbsent(name, k -> new long[3]);
                s[0] = Math.max(s[0], kb);
                s[1] += kb;
                s[2]++;
            }
        });
    }

    /** Per process, in watch order of names: max and average resident MB over the samples so far. */
    public synchronized Map<String, Usage> snapshot() {
        Map<String, Usage> result = new LinkedHashMap<>();
        stats.keySet().stream().sorted().forEach(name -> {
            long[] s = stats.get(name);
            result.put(name, new Usage(s[0] / 1024.0, s[2] == 0 ? 0 : s[1] / 1024.0 / s[2], s[2]));
        });
        return result;
    }

    public record Usage(double maxMb, double averageMb, long samples) {
    }

    private void loop() {
        while (running) {
            sampleNow();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
