package dev.followup.lead.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucket on a clock the test holds: no wall-clock seconds involved. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketLetsTheBurstThroughThenRefillsAtTheRate() {
        long t0 = 5 * SECOND;
        RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(2, 3, t0);
        assertThat(bucket.tryAcquire(t0)).isZero();
        assertThat(bucket.tryAcquire(t0)).isZero();
        assertThat(bucket.tryAcquire(t0)).isZero();
        // Empty: one token comes back every half second at 2 a second.
        assertThat(bucket.tryAcquire(t0)).isEqualTo(SECOND / 2);
        assertThat(bucket.tryAcquire(t0 + SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(bucket.tryAcquire(t0 + SECOND / 2)).isZero();
        assertThat(bucket.tryAcquire(t0 + SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void anIdleBucketHoldsNoMoreThanItsBurst() {
        RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(1, 2, 0);
        long muchLater = 3_600 * SECOND;
        assertThat(bucket.tryAcquire(muchLater)).isZero();
        assertThat(bucket.tryAcquire(muchLater)).isZero();
        assertThat(bucket.tryAcquire(muchLater)).isEqualTo(SECOND);
    }
}
