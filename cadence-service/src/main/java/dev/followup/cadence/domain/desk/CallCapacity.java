package dev.followup.cadence.domain.desk;

/**
 * Admission of a candidate call task to a rep's list for one local day. The list never exceeds the cap, and its
 * last quarter is kept for hot leads (see {@link LeadScore#hot()}), so a burst of long shots early
 * in the day cannot take the slots a better lead arriving later needs.
 */
public final class CallCapacity {
    public static final int DEFAULT_DAILY_CAP = 8;

    public sealed interface Decision permits Admit, Overflow {
    }

    public record Admit() implements Decision {
    }

    public record Overflow(String reason) implements Decision {
    }

    private CallCapacity() {
    }

    public static int reservedSlots(int cap) {
        return (int) Math.ceil(cap * 0.25);
    }

    public static Decision decide(int cap, int alreadyOnList, LeadScore score) {
        if (alreadyOnList >= cap) {
            return new Overflow("rep's daily call capacity of " + cap + " reached");
        }
        int open = cap - alreadyOnList;
        if (open <= reservedSlots(cap) && !score.hot()) {
            return new Overflow("score " + score.value() + " below " + score.hotFrom() + " for the last "
                    + reservedSlots(cap) + " of " + cap + " daily call slots");
        }
        return new Admit();
    }
}
