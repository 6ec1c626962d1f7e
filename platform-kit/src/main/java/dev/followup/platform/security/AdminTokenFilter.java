package dev.followup.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.followup.platform.api.Problem;
import dev.followup.platform.api.ProblemMappers;

/** Guards {@link AdminOnly} endpoints; compares tokens in constant time. No token configured: every call is refused. */
@Provider
@AdminOnly
@jakarta.annotation.Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {
    private final Optional<String> adminToken;

    public AdminTokenFilter(@ConfigProperty(name = "followup.admin-token") Optional<String> adminToken) {
        this.adminToken = adminToken.filter(token -> !token.isBlank());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            request.abortWith(ProblemMappers.respond(Problem.of(401, "Unauthorized",
                    "This endpoint needs the admin token as 'Authorization: Bearer <token>'", null)));
            return;
        }
        if (adminToken.isEmpty() || !matches(header.substring("Bearer ".length()).trim(), adminToken.get())) {
            request.abortWith(ProblemMappers.respond(Problem.of(403, "Forbidden", "Admin token not accepted", null)));
        }
    }

    public static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
