package dev.followup.cadence.api;

import java.util.UUID;

import dev.followup.cadence.domain.plan.PlanKind;
import dev.followup.platform.api.ProblemException;

/** Path parameters, read or refused with a problem naming them. */
final class Params {
    private Params() {
    }

    static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.badRequest(name, "not a UUID");
        }
    }

    static PlanKind planKind(String value) {
        return PlanKind.ofKey(value).orElseThrow(() -> ProblemException.notFound("Plan kind '" + value + "'"));
    }
}
