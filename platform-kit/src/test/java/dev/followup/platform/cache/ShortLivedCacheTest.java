package dev.followup.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ShortLivedCacheTest {
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        loads.incrementAndGet();
        return key.startsWith("known") ? "value of " + key : null;
    }

    @Test
    void aValueAndAnAbsenceAreEachLoadedOnceUntilInvalidated() {
        ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofMinutes(1), 100);
        assertEquals("value of known-1", cache.get("known-1", this::load));
        assertEquals("value of known-1", cache.get("known-1", this::load));
        assertNull(cache.get("missing", this::load));
        assertNull(cache.get("missing", this::load));
        assertEquals(2, loads.get());

        cache.invalidate("known-1");
        cache.get("known-1", this::load);
        assertEquals(3, loads.get());
    }

    @Test
    void getPresentAsksAgainForWhatWasNotFound() {
        ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofMinutes(1), 100);
        assertNull(cache.getPresent("missing", this::load));
        assertNull(cache.getPresent("missing", this::load));
        assertEquals("value of known-2", cache.getPresent("known-2", this::load));
        assertEquals("value of known-2", cache.getPresent("known-2", this::load));
        assertEquals(3, loads.get());
    }
}
