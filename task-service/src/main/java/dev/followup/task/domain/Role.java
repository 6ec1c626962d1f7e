package dev.followup.task.domain;

/** A rep's role in the dealer directory; also the JWT group. */
public enum Role {
    REP("rep"),
    MANAGER("manager");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Role fromWire(String wire) {
        for (Role role : values()) {
            if (role.wire.equals(wire)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role " + wire);
    }
}
