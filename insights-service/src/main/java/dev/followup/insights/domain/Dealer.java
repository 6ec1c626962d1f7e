package dev.followup.insights.domain;

import java.time.ZoneId;
import java.util.UUID;

/** A dealer as the reports need it: its calendar decides where a day starts. */
public record Dealer(UUID dealerId, String name, ZoneId zone) {
}
