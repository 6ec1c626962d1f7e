package dev.followup.platform.events;

/**
 * A record that can never be processed, however often it is retried: not JSON, missing CloudEvents headers, or
 * a payload that breaks its contract. The channel's dead-letter-queue failure strategy moves it aside so the
 * records behind it on the partition keep flowing.
 */
public class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }

}
