package dev.followup.bench;

/** bench/run's entry point: {@code intake | speed-to-lead | timers | task-api | smoke}. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "" : args[0];
        switch (which) {
            case "intake" -> IntakeBench.main(args);
            case "smoke" -> Smoke.main(args);
            default -> {
                System.err.println("usage: bench/run intake | speed-to-lead | timers | task-api | all | smoke");
                System.exit(2);
            }
        }
    }
}
