package dev.followup.insights.domain;

import java.util.UUID;

/** A rep or manager as the dealer directory knows them now. */
public record Staff(UUID repId, UUID dealerId, String role, boolean active) {
    public boolean isManager() {
        return "manager".equals(role);
    }
}
