package dev.followup.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark's results: printed to the console (summary table last) and appended to docs/benchmarks.md under
 * "Run log", with the date, the machine (nproc, memory, java -version), the load average before and after, and
 * the command that ran it.
 */
public final class Report {
    public static final String RUN_LOG_HEADING = "## Run log (appended by bench/run)";

    private final String benchmark;
    private final Instant started = Instant.now();
    private final String loadBefore = loadAverage();
    private final List<String> sections = new ArrayList<>();

    public Report(String benchmark) {
        this.benchmark = benchmark;
    }

    public Report section(String title, Table table) {
        sections.add("**" + title + "**\n\n" + table);
        return this;
    }

    public Report note(String text) {
        sections.add(text);
        return this;
    }

    /** Prints the report (its tables last) and appends it to the Markdown file. */
    public void finish(Path markdown) {
        String text = render();
        System.out.println();
        System.out.println(text);
        if (recording()) {
            append(markdown, text);
            System.out.println("(appended to " + markdown + ")");
        } else {
            System.out.println("(not recorded: -Dbench.record=false)");
        }
    }

    /** False with -Dbench.record=false: a trial run leaves docs/ (the run log and the chart) alone. */
    static boolean recording() {
        return Boolean.parseBoolean(System.getProperty("bench.record", "true"));
    }

    String render() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(benchmark).append(" — ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC).format(started).substring(0, 19))
                .append(" UTC\n\n");
        md.append("- command: `").append(System.getProperty("bench.command", "bench/run " + benchmark)).append("`\n");
        md.append("- commit: ").append(commit()).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
                .append(memTotal()).append(" memory; ").append(javaVersion()).append('\n');
        md.append("- load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAverage())
                .append(" — other engineers' builds and test suites may share the 2 cores: figures are noisy when these are high\n");
        md.append("- duration: ").append((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000).append(" s\n\n");
        for (String section : sections) {
            md.append(section).append('\n');
        }
        return md.toString();
    }

    static void append(Path markdown, String text) {
        try {
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            if (!Files.exists(markdown)) {
                Files.writeString(markdown, "# Benchmarks\n\n" + RUN_LOG_HEADING + "\n\n", StandardCharsets.UTF_8);
            } else if (!Files.readString(markdown).contains(RUN_LOG_HEADING)) {
                Files.writeString(markdown, "\n" + RUN_LOG_HEADING + "\n\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            Files.writeString(markdown, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + markdown, e);
        }
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return "unknown";
    }

    /** The first line of `java -version` of the JVM running the services (the same binary as this one). */
    static String javaVersion() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            String[] lines = out.split("\n");
            return lines.length >= 3 ? lines[0].trim() + " / " + lines[2].trim() : out.trim();
        } catch (IOException e) {
            return System.getProperty("java.runtime.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.runtime.version");
        }
    }

    /** The commit the run measured (bench/run builds the working tree), and whether code had uncommitted changes. */
    static String commit() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        // docs/ is what a run writes; changes there do not change what was measured.
        String changed = git("status", "--porcelain", "--", ".", ":(exclude)docs");
        return head + (changed.isEmpty() ? "" : " with uncommitted changes");
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
