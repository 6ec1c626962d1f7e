package dev.followup.task.domain;

import java.util.UUID;

/** Who is calling the rep API: an authenticated rep or manager, as the dealer directory knows them now. */
public record Caller(UUID repId, UUID dealerId, Role role) {
    public boolean isManager() {
        return role == Role.MANAGER;
    }
}
