package dev.followup.task.domain;

import java.util.UUID;

/** One rep's line in a dealer's summary. dueToday counts open tasks due today, overdue ones included. */
public record RepWorkload(UUID repId, String name, String role, boolean active, long open, long dueToday, long overdue,
        long doneToday) {
}
