package dev.followup.task.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One-time codes for the inbox sign-in link. Only a SHA-256 of the code is stored; redeeming marks it used in the
 * same statement that checks it, so a link works once, even with two replicas racing.
 */
@ApplicationScoped
public class SignInCodes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entityManager;

    public SignInCodes(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public String create(UUID repId, Instant now, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        entityManager.createNativeQuery("delete from sign_in_code where expires_at < ?1")
                .setParameter(1, now.minus(Duration.ofDays(1))).executeUpdate();
        entityManager.createNativeQuery("insert into sign_in_code (code_hash, rep_id, expires_at) values (?1, ?2, ?3)")
                .setParameter(1, hash(code)).setParameter(2, repId).setParameter(3, now.plus(lifetime))
                .executeUpdate();
        return code;
    }

    /** @return the rep the code was issued to, if the code exists, has not expired and was not used before */
    @Transactional
    public Optional<UUID> redeem(String code, Instant now) {
        if (code == null || code.isBlank() || code.length() > 100) {
            return Optional.empty();
        }
        // Untyped on purpose: Hibernate 7.4 caches a native query typed with a scalar class under a new key per
        // execution, and the plan cache then slows every call (docs/benchmarks.md).
        @SuppressWarnings("unchecked")
        List<UUID> reps = entityManager.createNativeQuery("""
                update sign_in_code set used_at = ?2
                where code_hash = ?1 and used_at is null and expires_at > ?2
                returning rep_id""")
                .setParameter(1, hash(code)).setParameter(2, now)
                .getResultList();
        return reps.stream().findFirst();
    }

    static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
