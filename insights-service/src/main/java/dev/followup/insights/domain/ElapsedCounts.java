package dev.followup.insights.domain;

import java.util.List;

/**
 * How many leads (or tasks) took each rolled-up elapsed time, in ascending order of time, and the percentiles read
 * from them the way PostgreSQL's percentile_cont reads them from the values themselves (linear between the two
 * nearest ranks), so a report over roll-ups says what one over the raw facts said, to the bucket's precision.
 */
record ElapsedCounts(double[] seconds, long[] counts, long total) {

    /** @param rows {seconds, count} pairs ordered by seconds */
    static ElapsedCounts of(List<?> rows) {
        double[] seconds = new double[rows.size()];
        long[] counts = new long[rows.size()];
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = (Object[]) rows.get(i);
            seconds[i] = ((Number) row[0]).doubleValue();
            counts[i] = ((Number) row[1]).longValue();
            total += counts[i];
        }
        return new ElapsedCounts(seconds, counts, total);
    }

    /** null when nothing was counted */
    Double percentile(double fraction) {
        if (total == 0) {
            return null;
        }
        double rank = fraction * (total - 1);
        long lower = (long) Math.floor(rank);
        double below = valueAt(lower);
        return rank == lower ? below : below + (valueAt(lower + 1) - below) * (rank - lower);
    }

    /** How many took less than {@code limit} seconds. */
    long below(double limit) {
        long under = 0;
        for (int i = 0; i < seconds.length && seconds[i] < limit; i++) {
            under += counts[i];
        }
        return under;
    }

    /** The value of the rank-th smallest (from 0). */
    private double valueAt(long rank) {
        long seen = 0;
        for (int i = 0; i < seconds.length; i++) {
            seen += counts[i];
            if (rank < seen) {
                return seconds[i];
            }
        }
        return seconds[seconds.length - 1];
    }
}
