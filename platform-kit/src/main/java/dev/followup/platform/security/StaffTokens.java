package dev.followup.platform.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.followup.platform.api.ProblemException;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The staff token every service that serves reps or managers accepts: RS256, issued by task-service (sub = rep
 * id, claim {@value #DEALER_CLAIM}, groups = [rep] or [manager]). Verifying it proves who signed in; what the
 * person may see now is still the directory's word (a rep deactivated or demoted since keeps no access).
 * Not a bean: services without reps or managers do not carry smallrye-jwt.
 */
public final class StaffTokens {
    public static final String ISSUER = "followup-task-service";
    public static final String DEALER_CLAIM = "dealerId";
    public static final String MANAGER = "manager";
    public static final String REP = "rep";

    /** Who a valid token names. */
    public record Staff(UUID repId, UUID dealerId, Set<String> groups) {
        public boolean isManager() {
            return groups.contains(MANAGER);
        }
    }

    private final DefaultJWTParser parser;

    public StaffTokens(PublicKey verificationKey) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(verificationKey, ISSUER);
        info.setRequireNamedPrincipal(true);
        this.parser = new DefaultJWTParser(info);
    }

    /** The verification key from PEM text, else a PEM file or classpath resource; empty when neither is set. */
    public static Optional<PublicKey> publicKey(Optional<String> pem, Optional<String> location) {
        Optional<String> text = pem.filter(s -> !s.isBlank())
                .or(() -> location.filter(s -> !s.isBlank()).map(StaffTokens::read));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyUtils.decodePublicKey(text.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the staff token public key is not a usable RSA PEM key: " + e.getMessage(), e);
        }
    }

    /** @throws ProblemException 401 when the token is missing, forged, expired or does not name a rep and dealer */
    public Staff verify(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw unauthorized("Sign in first: send 'Authorization: Bearer <token>' (task-service POST /auth/tokens issues one)");
        }
        JsonWebToken token;
        try {
            token = parser.parse(bearerToken.trim());
        } catch (ParseException e) {
            throw unauthorized("The token is not valid here (expired, or not signed by this platform)");
        }
        try {
            UUID repId = UUID.fromString(token.getSubject());
            UUID dealerId = UUID.fromString(String.valueOf((Object) token.getClaim(DEALER_CLAIM)));
            return new Staff(repId, dealerId, token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw unauthorized("The token does not name a rep and a dealer");
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, null);
    }

    private static String read(String location) {
        try {
            return KeyUtils.readKeyContent(location);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read key " + location, e);
        }
    }
}
