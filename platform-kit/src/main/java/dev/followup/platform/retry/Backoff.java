package dev.followup.platform.retry;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff: {@code first} before the second attempt, doubling each time, never more than {@code max}. */
public record Backoff(Duration first, Duration max) {
    public Backoff {
        Objects.requireNonNull(first);
        Objects.requireNonNull(max);
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= first <= max, got " + first + " and " + max);
        }
    }

    /** The pause after {@code failures} failed attempts (1 for the first failure). */
    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures starts at 1: " + failures);
        }
        Duration pause = first;
        for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }

    /** Sleeps {@link #after(int)}; an interrupt is kept and ends the pause. */
    public void pauseAfter(int failures) {
        try {
            Thread.sleep(after(failures).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
