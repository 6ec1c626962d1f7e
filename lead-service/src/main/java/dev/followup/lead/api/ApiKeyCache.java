package dev.followup.lead.api;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.followup.lead.domain.ApiKeys;

/**
 * Keeps the answer for a presented key (its dealer, or "unknown") in memory for a short time
 * ({@code followup.api-key.cache-ttl}, default 5 s), so intake does not query the database per request. A revoked
 * key therefore stops working within that time on every replica. Entries are keyed by the key's hash.
 */
@ApplicationScoped
public class ApiKeyCache {
    private final ApiKeys apiKeys;
    private final Cache<String, Optional<ApiKeys.Holder>> cache;

    public ApiKeyCache(ApiKeys apiKeys,
            @ConfigProperty(name = "followup.api-key.cache-ttl", defaultValue = "PT5S") Duration ttl) {
        this.apiKeys = apiKeys;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(50_000).build();
    }

    public Optional<ApiKeys.Holder> holderOf(String presentedKey) {
        return cache.get(ApiKeys.sha256(presentedKey), hash -> apiKeys.holderOf(presentedKey));
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }
}
