package dev.followup.platform.api;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every refusal of every service as a problem body: bad input is a 4xx naming the field, never a 500, and an
 * unexpected failure is a 500 that leaks nothing of the request.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(new Problem("about:blank", e.title(), e.status(), e.getMessage(), e.field(), null));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String first = errors.isEmpty() ? null : errors.get(0).field();
        String detail = errors.isEmpty() ? "Invalid request"
                : errors.stream().map(err -> err.field() + ": " + err.message()).reduce((a, b) -> a + "; " + b).get();
        return respond(new Problem("about:blank", "Invalid request", 400, detail, first, errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : null;
        String detail = field == null ? "Body is not valid JSON: " + e.getOriginalMessage()
                : "Field '" + field + "' has the wrong type or format";
        return respond(Problem.of(400, "Malformed body", detail, field));
    }

    /**
     * Quarkus REST has its own mapper for Jackson's MismatchedInputException (a value of the wrong type, an array
     * where an object belongs) that answers without a problem body; this more specific one takes precedence.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, title, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected failure while handling a request", e);
        return respond(Problem.of(500, "Internal error", "The request could not be completed; it was not applied.", null));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** {@code create.arg0.customer.email} (method validation) becomes {@code customer.email}. */
    static String fieldOf(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        if (parts.length == 3 && parts[1].startsWith("arg")) {
            return parts[2];
        }
        if (parts.length >= 2 && parts[1].matches("arg\\d+|body|request")) {
            return parts.length == 3 ? parts[2] : parts[1];
        }
        return propertyPath;
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }
}
