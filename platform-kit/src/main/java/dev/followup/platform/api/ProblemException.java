package dev.followup.platform.api;

/**
 * A request the service refuses, answered as an RFC 7807 problem body. {@code field} names the offending input
 * (a JSON pointer-like path such as {@code customer.phones[0].number}) when there is one.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;

    public ProblemException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Invalid request", detail, field);
    }

    public static ProblemException unprocessable(String field, String detail) {
        return new ProblemException(422, "Request cannot be processed", detail, field);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " not found", null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
