package dev.followup.platform.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void doublesFromTheFirstPauseAndStopsAtTheMaximum() {
        assertEquals(Duration.ofMillis(200), backoff.after(1));
        assertEquals(Duration.ofMillis(400), backoff.after(2));
        assertEquals(Duration.ofMillis(800), backoff.after(3));
        assertEquals(Duration.ofMillis(3200), backoff.after(5));
        assertEquals(Duration.ofSeconds(5), backoff.after(6));
        assertEquals(Duration.ofSeconds(5), backoff.after(1_000));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.after(0));
    }
}
