package dev.followup.insights.domain;

/** A moment in a lead's life that the funnel counts; the read model keeps the earliest of each. */
public enum Milestone {
    FIRST_TEXT("first_text_at"),
    REPLIED("replied_at"),
    REACHED("reached_at"),
    OPTED_OUT("opted_out_at"),
    APPOINTMENT("appointment_at"),
    VISITED("visited_at");

    final String column;

    Milestone(String column) {
        this.column = column;
    }
}
