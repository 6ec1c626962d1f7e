package dev.followup.platform.events;

/**
 * CloudEvents 1.0 binary-mode header names on Kafka records (contracts/README.md). {@code ce_id} doubles as the
 * de-duplication key of every consumer's inbox.
 */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
