package dev.followup.lead.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.followup.platform.api.ProblemMappers;

/**
 * Quarkus REST ships its own mapper for Jackson's MismatchedInputException (wrong type, JSON array for an object),
 * which answers plain JSON and wins over the kit's mapper for JsonProcessingException. This routes it back to the
 * kit's problem body naming the field.
 */
public class JsonInputProblems {
    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return problems.unreadable(e);
    }
}
