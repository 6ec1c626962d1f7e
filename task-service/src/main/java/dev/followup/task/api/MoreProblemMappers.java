package dev.followup.task.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.followup.platform.api.Problem;
import dev.followup.platform.api.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Problem bodies for what the kit's mappers do not reach: authentication and authorisation failures, and JSON
 * values of the wrong type or format (Quarkus' own, more specific mapper answers those with an empty 400).
 */
public class MoreProblemMappers {

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        String detail = field == null ? "The body does not have the expected shape"
                : "Field '" + field + "' has the wrong type or format";
        return ProblemMappers.respond(Problem.of(400, "Malformed body", detail, field));
    }

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
