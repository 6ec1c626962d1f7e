package dev.followup.lead.kafka;

/** Topics this service publishes to (contracts/topics.json). */
public final class LeadTopics {
    public static final String LEAD_EVENTS = "lead-events";
    public static final String DEALER_DIRECTORY = "dealer-directory";

    public static final String DEALER = "directory.dealer.v1";
    public static final String REP = "directory.rep.v1";
    public static final String LEAD_CREATED = "lead.created.v1";
    public static final String LEAD_MERGED = "lead.merged.v1";
    public static final String VISIT_RECORDED = "lead.visit-recorded.v1";
    public static final String STATUS_CHANGED = "lead.status-changed.v1";

    private LeadTopics() {
    }
}
