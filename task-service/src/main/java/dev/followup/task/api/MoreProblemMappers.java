package dev.followup.task.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


import dev.followup.platform.api.Problem;
import dev.followup.platform.api.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Problem bodies for what the kit's mappers do not reach: authentication and authorisation failures.
 */
public class MoreProblemMappers {

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return challenge("The token is not valid (bad signature, expired or malformed)");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge("Sign in first: send 'Authorization: Bearer <token>' (POST /auth/tokens issues one)");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMappers.respond(Problem.of(403, "Forbidden", "You may not do this", null));
    }

    static Response challenge(String detail) {
        return Response.fromResponse(ProblemMappers.respond(Problem.of(401, "Unauthorized", detail, null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
