package dev.followup.platform.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;

public class ClockProducer {
    private final MovableClock clock = new MovableClock(Clock.systemUTC());

    // @Typed keeps this bean out of the java.time.Clock type, so injecting Clock is never ambiguous.
    @Produces
    @ApplicationScoped
    @Typed(MovableClock.class)
    MovableClock movableClock() {
        return clock;
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return clock;
    }
}
