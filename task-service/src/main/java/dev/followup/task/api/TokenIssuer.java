package dev.followup.task.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.platform.security.StaffTokens;
import dev.followup.task.auth.TokenKeys;
import dev.followup.task.domain.Rep;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs reps' tokens (RS256): sub = rep id, dealerId, groups = [rep] or [manager]. Token times use the wall clock,
 * not the platform's movable clock, because smallrye-jwt checks expiry against the wall clock.
 */
@ApplicationScoped
public class TokenIssuer {
    private static final Clock WALL_CLOCK = Clock.systemUTC();

    private final TokenKeys keys;

    public TokenIssuer(TokenKeys keys) {
        this.keys = keys;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    public IssuedToken issue(Rep rep, Duration lifetime) {
        Instant issuedAt = WALL_CLOCK.instant();
        Instant expiresAt = issuedAt.plus(lifetime);
        String token = Jwt.issuer(StaffTokens.ISSUER)
                .subject(rep.repId.toString())
                .claim(StaffTokens.DEALER_CLAIM, rep.dealerId.toString())
                .groups(Set.of(rep.role.wire()))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .sign(keys.signingKey());
        return new IssuedToken(token, expiresAt);
    }
}
