package dev.followup.lead.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import dev.followup.platform.time.MovableClock;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.followup.platform.api.ProblemException;

/**
 * Dealer API keys: {@code lk_<prefix>_<secret>} with 256 random bits of secret. Only the SHA-256 of the whole key
 * is stored; the prefix is public and finds the row. A key is shown once, at creation.
 */
@ApplicationScoped
public class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final MovableClock clock;

    public ApiKeys(MovableClock clock) {
        this.clock = clock;
    }

    public record Created(ApiKey key, String secretKey) {
    }

    /** The dealer a presented key belongs to, with what intake needs of it. */
    public record Holder(UUID keyId, UUID dealerId, boolean dealerActive, String country, ZoneId timeZone,
            Integer ratePerSecond, Integer burst) {
    }

    @Transactional
    public Created create(UUID dealerId, String label, Integer ratePerSecond, Integer burst) {
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.dealerId = dealerId;
        key.prefix = randomPrefix();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String full = "lk_" + key.prefix + "_" + BASE64.encodeToString(secret);
        key.keyHash = sha256(full);
        key.label = label;
        key.ratePerSecond = ratePerSecond;
        key.burst = burst;
        key.createdAt = clock.instant();
        key.persist();
        return new Created(key, full);
    }

    public List<ApiKey> list(UUID dealerId) {
        return ApiKey.list("dealerId = ?1 order by createdAt, id", dealerId);
    }

    @Transactional
    public ApiKey revoke(UUID dealerId, UUID keyId) {
        ApiKey key = ApiKey.findById(keyId);
        if (key == null || !key.dealerId.equals(dealerId)) {
            throw ProblemException.notFound("API key " + keyId);
        }
        if (key.revokedAt == null) {
            key.revokedAt = clock.instant();
        }
        return key;
    }

    /** Looks the key up in the database; empty for an unknown, malformed or revoked key. */
    public Optional<Holder> holderOf(String presented) {
        String prefix = prefixOf(presented);
        if (prefix == null) {
            return Optional.empty();
        }
        ApiKey key = ApiKey.find("prefix", prefix).firstResult();
        if (key == null || key.revokedAt != null || !MessageDigest.isEqual(
                key.keyHash.getBytes(StandardCharsets.US_ASCII), sha256(presented).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Dealer dealer = Dealer.findById(key.dealerId);
        return Optional.of(new Holder(key.id, dealer.id, dealer.active, dealer.country, ZoneId.of(dealer.timeZone),
                key.ratePerSecond, key.burst));
    }

    static String prefixOf(String presented) {
        if (presented == null || presented.length() > 100 || !presented.startsWith("lk_")) {
            return null;
        }
        int end = presented.indexOf('_', 3);
        return end == 11 ? presented.substring(3, end) : null;
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String randomPrefix() {
        StringBuilder prefix = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            prefix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return prefix.toString();
    }
}
