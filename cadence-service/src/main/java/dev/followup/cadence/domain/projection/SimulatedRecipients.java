package dev.followup.cadence.domain.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.followup.cadence.domain.contact.Recipients;
import dev.followup.cadence.domain.contact.Spacing;
import dev.followup.cadence.domain.plan.Channel;

/** The recipients as they stand, plus the touches a projection has made so far. */
final class SimulatedRecipients implements Recipients {
    private final Recipients base;
    private final Map<String, List<Spacing.Touch>> added = new HashMap<>();

    SimulatedRecipients(Recipients base) {
        this.base = base;
    }

    static Recipients nobody() {
        return new Recipients() {
            @Override
            public boolean suppressed(Channel channel, String address) {
                return false;
            }

            @Override
            public List<Spacing.Touch> recentTouches(Channel channel, String address) {
                return List.of();
            }
        };
    }

    void touched(Channel channel, String address, Spacing.Touch touch) {
        added.computeIfAbsent(channel.wire() + ":" + address, k -> new ArrayList<>()).add(touch);
    }

    @Override
    public boolean suppressed(Channel channel, String address) {
        return address != null && base.suppressed(channel, address);
    }

    @Override
    public List<Spacing.Touch> recentTouches(Channel channel, String address) {
        if (address == null) {
            return List.of();
        }
        List<Spacing.Touch> all = new ArrayList<>(base.recentTouches(channel, address));
        all.addAll(added.getOrDefault(channel.wire() + ":" + address, List.of()));
        return all;
    }
}
