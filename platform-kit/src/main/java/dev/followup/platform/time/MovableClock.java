package dev.followup.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's clock: the system clock plus an offset that only tests move (in the same JVM, or across processes
 * through {@link ClockControl}'s file). Production code injects {@link Clock} and never calls {@code Instant.now()}
 * directly, so time can be moved forward without sleeping.
 */
public class MovableClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public MovableClock(Clock base) {
        this.base = base;
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offsetMillis.addAndGet(duration.toMillis());
    }

    /** Moves to the given instant; an instant in the past is refused (timers and windows assume monotonic time). */
    public void moveTo(Instant target) {
        long delta = target.toEpochMilli() - instant().toEpochMilli();
        if (delta < 0) {
            throw new IllegalArgumentException("time only moves forward; now is " + instant());
        }
        offsetMillis.addAndGet(delta);
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform clock is UTC; convert with the customer's zone");
    }
}
