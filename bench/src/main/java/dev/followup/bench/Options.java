package dev.followup.bench;

import java.time.Duration;
import java.util.Arrays;

/** Benchmark settings from system properties (bench/run passes BENCH_OPTS="-Dbench.x=y ..." through). */
final class Options {
    private Options() {
    }

    static double[] rates(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    }

    static Duration seconds(String property, long defaults) {
        return Duration.ofSeconds(Long.getLong(property, defaults));
    }
}
