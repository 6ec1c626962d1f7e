package dev.followup.insights.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Percentiles read from rolled-up counts agree with PostgreSQL's percentile_cont over the values themselves. */
class ElapsedCountsTest {

    private static ElapsedCounts counts(Object[]... valueAndCount) {
        return ElapsedCounts.of(List.of(valueAndCount));
    }

    @Test
    void interpolatesBetweenTheTwoNearestRanksAsPercentileContDoes() {
        // percentile_cont(0.5) of (5, 45, 180, 600) is 112.5 and percentile_cont(0.9) is 474.
        ElapsedCounts four = counts(new Object[] {5.0, 1L}, new Object[] {45.0, 1L}, new Object[] {180.0, 1L},
                new Object[] {600.0, 1L});
        assertThat(four.percentile(0.5)).isEqualTo(112.5);
        assertThat(four.percentile(0.9)).isCloseTo(474.0, offset(1e-9));
    }

    @Test
    void aValueCountedManyTimesFillsAllItsRanks() {
        // (3, 3, 3, 10): the median is 3, p90 is 3 + 0.7 * 7.
        ElapsedCounts repeated = counts(new Object[] {3.0, 3L}, new Object[] {10.0, 1L});
        assertThat(repeated.percentile(0.5)).isEqualTo(3.0);
        assertThat(repeated.percentile(0.9)).isCloseTo(7.9, offset(1e-9));
        assertThat(repeated.below(10)).isEqualTo(3);
        assertThat(repeated.total()).isEqualTo(4);
    }

    @Test
    void nothingCountedHasNoPercentile() {
        assertThat(counts().percentile(0.5)).isNull();
        assertThat(counts(new Object[] {42.0, 1L}).percentile(0.9)).isEqualTo(42.0);
    }
}
