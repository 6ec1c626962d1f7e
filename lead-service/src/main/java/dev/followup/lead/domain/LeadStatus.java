package dev.followup.lead.domain;

import java.time.Instant;

import dev.followup.platform.api.ProblemException;

/**
 * A lead's status and the moves between them: open -> appointment | sold | lost; appointment -> appointment
 * (rescheduled) | sold | lost | open (reopened); sold and lost are final unless reopened, which moves back to open.
 */
public enum LeadStatus {
    OPEN, APPOINTMENT, SOLD, LOST;

    public String wire() {
        return name().toLowerCase();
    }

    public static LeadStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    public boolean isOpen() {
        return this == OPEN || this == APPOINTMENT;
    }

    /**
     * @param requested open, reopened, appointment, sold or lost
     * @return the new status
     */
    public LeadStatus moveTo(String requested, Instant appointmentAt) {
        if (requested == null) {
            throw ProblemException.badRequest("status", "status is required: appointment, sold, lost or reopened");
        }
        LeadStatus target = switch (requested.trim().toLowerCase()) {
            case "open", "reopened" -> OPEN;
            case "appointment" -> APPOINTMENT;
            case "sold" -> SOLD;
            case "lost" -> LOST;
            default -> throw ProblemException.badRequest("status",
                    "unknown status '" + requested + "': use appointment, sold, lost or reopened");
        };
        if (target == APPOINTMENT && appointmentAt == null) {
            throw ProblemException.badRequest("appointmentAt", "an appointment needs appointmentAt (ISO-8601 instant)");
        }
        if (target != APPOINTMENT && appointmentAt != null) {
            throw ProblemException.badRequest("appointmentAt", "appointmentAt is only for status appointment");
        }
        boolean allowed = switch (this) {
            case OPEN -> target != OPEN;
            case APPOINTMENT -> true;
            case SOLD, LOST -> target == OPEN;
        };
        if (!allowed) {
            throw ProblemException.conflict("a lead that is " + wire() + " cannot move to " + target.wire()
                    + (isOpen() ? "" : "; reopen it first"));
        }
        return target;
    }
}
