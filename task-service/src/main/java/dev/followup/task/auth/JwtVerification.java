package dev.followup.task.auth;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * Replaces smallrye-jwt's configuration-driven verification settings with {@link TokenKeys}, so signing and
 * verifying always use the same pair, whether configured or generated.
 */
public class JwtVerification {
    public static final String ISSUER = "followup-task-service";

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo authContextInfo(TokenKeys keys) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.verificationKey(), ISSUER);
        info.setRequireNamedPrincipal(true);
        return info;
    }
}
