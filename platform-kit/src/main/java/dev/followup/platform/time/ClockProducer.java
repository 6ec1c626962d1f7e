package dev.followup.platform.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

public class ClockProducer {
    private final MovableClock clock = new MovableClock(Clock.systemUTC());

    @Produces
    @ApplicationScoped
    MovableClock movableClock() {
        return clock;
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return clock;
    }
}
