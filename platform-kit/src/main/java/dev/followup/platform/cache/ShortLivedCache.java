package dev.followup.platform.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.followup.platform.transactions.AfterCommit;

/**
 * Settings that change rarely but are read for nearly every record (a dealer, its plans, its contact policy), kept in
 * memory for a short time instead of being queried each time. A change this process makes or applies invalidates its
 * entry at once; another replica sees it within the time to live ({@code followup.settings-cache.ttl}, 10 s by
 * default). A value the loader does not find (null) is remembered as absent too, unless the loader says otherwise
 * with {@link #getPresent}.
 */
public final class ShortLivedCache<K, V> {
    private final Cache<K, Optional<V>> entries;

    public ShortLivedCache(Duration timeToLive, long maximumSize) {
        this.entries = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize).build();
    }

    /** The value, loaded when not held; a null from the loader is held as absent (the settings' defaults apply). */
    public V get(K key, Function<K, V> loader) {
        return entries.get(key, k -> Optional.ofNullable(loader.apply(k))).orElse(null);
    }

    /** The value, loaded when not held; a null from the loader is not held, so the next call asks again. */
    public V getPresent(K key, Function<K, V> loader) {
        Optional<V> held = entries.getIfPresent(key);
        if (held != null && held.isPresent()) {
            return held.get();
        }
        V loaded = loader.apply(key);
        if (loaded != null) {
            entries.put(key, Optional.of(loaded));
        }
        return loaded;
    }

    public void invalidate(K key) {
        entries.invalidate(key);
    }

    /**
     * Forgets the entry now, and again once the caller's transaction has committed: a read on another thread between
     * the two would otherwise hold the old value for the whole time to live.
     */
    public void invalidate(K key, TransactionSynchronizationRegistry transactions) {
        entries.invalidate(key);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            AfterCommit.run(transactions, () -> entries.invalidate(key));
        }
    }

    public void invalidateAll() {
        entries.invalidateAll();
    }
}
