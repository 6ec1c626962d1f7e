package dev.followup.task.domain;

import java.util.UUID;

/**
 * Who may see or change what. A rep: only their own list and tasks. A manager: everything of their dealer.
 * Anything of another dealer does not exist for the caller (404, so ids of other dealers cannot be probed); a
 * colleague's list or task, or a manager action, is forbidden (403).
 */
public final class AccessRules {
    public enum Decision {
        ALLOWED, FORBIDDEN, NOT_FOUND
    }

    private AccessRules() {
    }

    /** @param repDealerId the dealer of the rep whose list is asked for; null when the rep is unknown */
    public static Decision repList(Caller caller, UUID repId, UUID repDealerId) {
        if (repDealerId == null || !repDealerId.equals(caller.dealerId())) {
            return Decision.NOT_FOUND;
        }
        return caller.isManager() || repId.equals(caller.repId()) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }

    public static Decision task(Caller caller, UUID taskDealerId, UUID taskRepId) {
        if (!taskDealerId.equals(caller.dealerId())) {
            return Decision.NOT_FOUND;
        }
        return caller.isManager() || taskRepId.equals(caller.repId()) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }

    public static Decision managerTask(Caller caller, UUID taskDealerId) {
        if (!taskDealerId.equals(caller.dealerId())) {
            return Decision.NOT_FOUND;
        }
        return caller.isManager() ? Decision.ALLOWED : Decision.FORBIDDEN;
    }

    public static Decision dealer(Caller caller, UUID dealerId) {
        if (!caller.isManager()) {
            return Decision.FORBIDDEN;
        }
        return dealerId.equals(caller.dealerId()) ? Decision.ALLOWED : Decision.NOT_FOUND;
    }
}
