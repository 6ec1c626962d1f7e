package dev.followup.lead.api;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per API key, in this replica's memory: {@code followup.rate-limit.per-second} tokens a second up to
 * {@code followup.rate-limit.burst} (a key may override both). With N replicas a key gets up to N times the rate.
 */
@ApplicationScoped
public class RateLimiter {
    private final int defaultRate;
    private final int defaultBurst;
    private final Cache<UUID, TokenBucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();

    public RateLimiter(@ConfigProperty(name = "followup.rate-limit.per-second", defaultValue = "200") int defaultRate,
            @ConfigProperty(name = "followup.rate-limit.burst", defaultValue = "400") int defaultBurst) {
        this.defaultRate = defaultRate;
        this.defaultBurst = defaultBurst;
    }

    /** @return 0 when the request may go ahead, else how many nanoseconds until a token is available. */
    public long tryAcquire(UUID keyId, Integer rate, Integer burst) {
        int perSecond = rate != null ? rate : defaultRate;
        int capacity = burst != null ? burst : defaultBurst;
        long now = System.nanoTime();
        return buckets.get(keyId, id -> new TokenBucket(perSecond, capacity, now)).tryAcquire(now);
    }

    static final class TokenBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long refilledAt;

        /** @param now {@link System#nanoTime()} when the bucket is made (full) */
        TokenBucket(int perSecond, int capacity, long now) {
            this.perNano = Math.max(perSecond, 1) / 1e9;
            this.capacity = Math.max(capacity, 1);
            this.tokens = this.capacity;
            this.refilledAt = now;
        }

        synchronized long tryAcquire(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
