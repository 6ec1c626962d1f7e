package dev.followup.insights.api;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.followup.insights.domain.Directory;
import dev.followup.insights.domain.Staff;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.AdminTokenFilter;
import dev.followup.platform.security.StaffTokens;

/**
 * Who may see which dealer's figures: ops with the admin token see every dealer; a manager, signed in with the
 * staff token task-service issues, sees their own dealer only, as long as the directory still has them as an
 * active manager of it. Reps see nothing here.
 */
@ApplicationScoped
public class Viewers {
    private static final Logger LOG = Logger.getLogger(Viewers.class);

    /** Who is looking: {@code dealerId} null means every dealer (ops). */
    public record Viewer(UUID dealerId) {
        boolean mayView(UUID dealer) {
            return dealerId == null || dealerId.equals(dealer);
        }
    }

    private final Optional<String> adminToken;
    private final Optional<StaffTokens> staffTokens;
    private final Directory directory;

    public Viewers(@ConfigProperty(name = "followup.admin-token") Optional<String> adminToken,
            @ConfigProperty(name = "followup.auth.public-key") Optional<String> publicKey,
            @ConfigProperty(name = "followup.auth.public-key-location") Optional<String> publicKeyLocation,
            Directory directory) {
        this.adminToken = adminToken.filter(token -> !token.isBlank());
        this.staffTokens = StaffTokens.publicKey(publicKey, publicKeyLocation).map(StaffTokens::new);
        if (staffTokens.isEmpty()) {
            LOG.warn("No staff token public key (FOLLOWUP_AUTH_PUBLIC_KEY): managers cannot sign in, only the admin token works");
        }
        this.directory = directory;
    }

    /** @param token the bearer token (from the Authorization header or the dashboard's cookie) */
    public Viewer of(String token) {
        if (token == null || token.isBlank()) {
            throw new ProblemException(401, "Unauthorized",
                    "Sign in first: send 'Authorization: Bearer <token>' (a manager's token from task-service POST /auth/tokens)", null);
        }
        if (adminToken.isPresent() && AdminTokenFilter.matches(token.trim(), adminToken.get())) {
            return new Viewer(null);
        }
        StaffTokens.Staff signedIn = staffTokens
                .orElseThrow(() -> new ProblemException(401, "Unauthorized", "Manager sign-in is not configured here", null))
                .verify(token);
        Staff staff = directory.staff(signedIn.repId())
                .filter(known -> known.active() && known.dealerId().equals(signedIn.dealerId()))
                .orElseThrow(() -> new ProblemException(403, "Forbidden", "The token's rep is not an active member of its dealer", null));
        if (!staff.isManager()) {
            throw new ProblemException(403, "Forbidden", "Insights are for managers; a rep's token does not open them", null);
        }
        return new Viewer(staff.dealerId());
    }

    /** The dealer's figures, or 404 for a dealer the viewer may not see (it is not revealed whether it exists). */
    public void requireMayView(Viewer viewer, UUID dealerId) {
        if (!viewer.mayView(dealerId)) {
            throw ProblemException.notFound("Dealer " + dealerId);
        }
    }

    /** The bearer token of the Authorization header, else the dashboard session's. */
    static String tokenOf(String authorization, String sessionCookie) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length()).trim();
        }
        return sessionCookie;
    }
}
