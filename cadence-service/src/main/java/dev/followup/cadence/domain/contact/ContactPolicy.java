package dev.followup.cadence.domain.contact;

import java.time.Duration;

/**
 * A dealer's rules for reaching one customer: spacing per channel, and the window within which duplicate leads
 * coalesce into one buying-signal reaction.
 */
public record ContactPolicy(Spacing.Limits text, Spacing.Limits email, Duration mergeWindow) {
}
