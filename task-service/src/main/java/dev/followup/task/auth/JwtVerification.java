package dev.followup.task.auth;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import dev.followup.platform.security.StaffTokens;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * Replaces smallrye-jwt's configuration-driven verification settings with {@link TokenKeys}, so signing and
 * verifying always use the same pair, whether configured or generated. The token itself is the kit's
 * {@link StaffTokens}: other services that serve managers verify it with the same public key.
 */
public class JwtVerification {
    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo authContextInfo(TokenKeys keys) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.verificationKey(), StaffTokens.ISSUER);
        info.setRequireNamedPrincipal(true);
        return info;
    }
}
