package dev.followup.cadence.domain.contact;

import java.util.List;

import dev.followup.cadence.domain.plan.Channel;

/**
 * What the touch rules need to know of one dealer's recipients. Live it is the ledger (rows locked by the caller);
 * in a projection, a snapshot plus the touches the projection adds.
 */
public interface Recipients {
    boolean suppressed(Channel channel, String address);

    /** The automated touches of the last two days, any order. */
    List<Spacing.Touch> recentTouches(Channel channel, String address);
}
