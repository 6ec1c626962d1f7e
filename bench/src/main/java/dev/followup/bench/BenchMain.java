package dev.followup.bench;

import java.nio.file.Path;

/**
 * bench/run's entry point: {@code intake | speed-to-lead | timers | task-api | insights | sustained | idle | likelihood | smoke}.
 * <p>
 * bench/run starts it from a snapshot of the built services (bench/target/root, so that a rebuild of a service's
 * target/ by someone else during a run cannot pull the jar from under it); {@code -Dbench.repo} names the repository,
 * where logs, docs/benchmarks.md and the chart go.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static Path repo() {
        return Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        // Whatever happens, no service process outlives this JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(BenchMain::stopServiceProcesses, "bench-stop-services"));
        String which = args.length == 0 ? "" : args[0];
        try {
            switch (which) {
                case "intake" -> IntakeBench.main(args);
                case "speed-to-lead" -> SpeedToLeadBench.main(args);
                case "timers" -> TimersBench.main(args);
                case "task-api" -> TaskApiBench.main(args);
                case "insights" -> InsightsBench.main(args);
                case "idle" -> IdleBench.main(args);
                case "sustained" -> SustainedBench.main(args);
                case "likelihood" -> LikelihoodBench.main(args);
                case "smoke" -> Smoke.main(args);
                default -> {
                    System.err.println("usage: bench/run intake | speed-to-lead | timers | task-api | insights | sustained | idle | likelihood | all | smoke");
                    System.exit(2);
                }
            }
        } catch (Throwable e) {
            System.err.println("[bench] " + which + " failed:");
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Stops (SIGTERM, then SIGKILL) every service JVM this JVM started and that still runs. */
    static void stopServiceProcesses() {
        var services = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false)).toList();
        services.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (ProcessHandle p : services) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    break;
                }
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
