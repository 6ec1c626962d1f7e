package dev.followup.task.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.followup.platform.api.ProblemException;
import dev.followup.platform.security.StaffTokens;
import dev.followup.task.domain.Caller;
import dev.followup.task.domain.Directory;
import dev.followup.task.domain.Rep;

/**
 * Turns a verified token into a {@link Caller}. The dealer directory has the last word: a rep deactivated (or
 * moved, or demoted) after the token was issued gets the access the directory gives them now, or none.
 */
@ApplicationScoped
public class Callers {
    private final Directory directory;

    public Callers(Directory directory) {
        this.directory = directory;
    }

    public Caller of(JsonWebToken token) {
        if (token == null || token.getSubject() == null) {
            throw unauthorized("Sign in first: send 'Authorization: Bearer <token>' (POST /auth/tokens issues one)");
        }
        UUID repId;
        UUID dealerId;
        try {
            repId = UUID.fromString(token.getSubject());
            dealerId = UUID.fromString(String.valueOf((Object) token.getClaim(StaffTokens.DEALER_CLAIM)));
        } catch (IllegalArgumentException e) {
            throw unauthorized("The token does not name a rep and a dealer");
        }
        Rep rep = directory.rep(repId).orElseThrow(() -> unauthorized("The token's rep is not known"));
        if (!rep.active || !rep.dealerId.equals(dealerId)) {
            throw new ProblemException(403, "Forbidden", "The token's rep is no longer active for this dealer", null);
        }
        return new Caller(rep.repId, rep.dealerId, rep.role);
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, null);
    }
}
