package dev.followup.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
    @Test
    void aPhaseBudgetCountsNewThreadsFromTheirStartAndEndedOnesAsTheRest() {
        Map<String, Long> before = Map.of(
                "cadence|whole process", 1_000L,
                "cadence|worker threads|11", 300L,
                "cadence|worker threads|12", 200L, // ends during the phase
                "cadence|JIT compiler|13", 400L);
        Map<String, Long> after = Map.of(
                "cadence|whole process", 1_600L,
                "cadence|worker threads|11", 450L,
                "cadence|worker threads|14", 100L, // started during the phase
                "cadence|JIT compiler|13", 500L);

        Map<String, Long> budget = CpuMeter.activities(before, after);

        assertEquals(250L, budget.get("cadence: worker threads"));
        assertEquals(100L, budget.get("cadence: JIT compiler"));
        assertEquals(600L - 350L, budget.get("cadence: " + CpuMeter.ENDED));
        assertEquals(600L, budget.values().stream().mapToLong(Long::longValue).sum(), "the process's whole phase");
    }

    @Test
    void threadNamesAsTheKernelKeepsThemMapToWhatTheyDo() {
        assertEquals("JIT compiler", CpuMeter.activity("C2 CompilerThre"));
        assertEquals("timers (db-scheduler)", CpuMeter.activity("db-scheduler-ex"));
        assertEquals("Kafka consumers (polling, heartbeats)", CpuMeter.activity("smallrye-kafka-"));
        assertEquals("other", CpuMeter.activity("Signal Dispatch"));
    }
}
