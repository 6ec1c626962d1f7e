package dev.followup.task.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import dev.followup.platform.time.MovableClock;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminOnly;
import dev.followup.task.domain.Directory;
import dev.followup.task.domain.Rep;
import dev.followup.task.domain.SignInCodes;

/**
 * Issues a rep's token. Called by the dealer's sign-in integration (or operations) with the admin token, after it
 * has authenticated the rep; the rep must be known and active in the dealer directory.
 */
@Path("/auth/tokens")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private static final Logger LOG = Logger.getLogger(AuthResource.class);

    private final Directory directory;
    private final TokenIssuer issuer;
    private final SignInCodes signInCodes;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final Duration signInLinkLifetime;
    private final Optional<String> publicBaseUrl;

    public AuthResource(Directory directory, TokenIssuer issuer, SignInCodes signInCodes, MovableClock clock,
            @ConfigProperty(name = "followup.auth.token-lifetime") Duration tokenLifetime,
            @ConfigProperty(name = "followup.auth.sign-in-link-lifetime") Duration signInLinkLifetime,
            @ConfigProperty(name = "followup.public-base-url") Optional<String> publicBaseUrl) {
        this.directory = directory;
        this.issuer = issuer;
        this.signInCodes = signInCodes;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
        this.signInLinkLifetime = signInLinkLifetime;
        this.publicBaseUrl = publicBaseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /**
     * @param token the Bearer token for the rep API
     * @param signInUrl a one-time link that signs the rep in to the inbox page (a cookie session)
     */
    public record IssuedTokens(UUID repId, UUID dealerId, String role, String token, String tokenType,
            Instant expiresAt, String signInUrl, Instant signInUrlExpiresAt) {
    }

    @POST
    @Operation(summary = "Admin token: issue a rep's API token and a one-time inbox sign-in link")
    public IssuedTokens issue(ApiRequests.IssueToken request) {
        if (request == null || request.repId() == null) {
            throw ProblemException.badRequest("repId", "required: the rep to issue a token for");
        }
        Rep rep = directory.rep(request.repId())
                .orElseThrow(() -> ProblemException.unprocessable("repId", "no such rep in the dealer directory"));
        if (!rep.active) {
            throw ProblemException.unprocessable("repId", "the rep is not active");
        }
        TokenIssuer.IssuedToken token = issuer.issue(rep, tokenLifetime);
        Instant now = clock.instant();
        String code = signInCodes.create(rep.repId, now, signInLinkLifetime);
        String path = InboxPage.SIGN_IN_PATH + "?token=" + code;
        LOG.infof("token issued for rep %s of dealer %s", rep.repId, rep.dealerId);
        return new IssuedTokens(rep.repId, rep.dealerId, rep.role.wire(), token.token(), "Bearer", token.expiresAt(),
                publicBaseUrl.map(base -> base + path).orElse(path), now.plus(signInLinkLifetime));
    }
}
