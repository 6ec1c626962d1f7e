package dev.followup.insights.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.followup.insights.domain.Dealer;
import dev.followup.insights.domain.Directory;
import dev.followup.insights.domain.Period;
import dev.followup.insights.domain.Report;
import dev.followup.insights.domain.Reports;
import dev.followup.platform.api.ProblemException;

/**
 * Turns a report request (dealer, from, to, source) into a {@link Report} for a viewer: the same checks for the
 * JSON, the CSV and the page. Dates are the dealer's calendar days; without them, the last
 * {@code followup.insights.default-days} days up to the dealer's today.
 */
@ApplicationScoped
public class ReportRequests {
    static final int LONGEST_PERIOD_DAYS = 366;

    private final Viewers viewers;
    private final Directory directory;
    private final Reports reports;
    private final Clock clock;
    private final int defaultDays;

    public ReportRequests(Viewers viewers, Directory directory, Reports reports, Clock clock,
            @ConfigProperty(name = "followup.insights.default-days") int defaultDays) {
        this.viewers = viewers;
        this.directory = directory;
        this.reports = reports;
        this.clock = clock;
        this.defaultDays = defaultDays;
    }

    public Report report(String token, UUID dealerId, String from, String to, String source) {
        Viewers.Viewer viewer = viewers.of(token);
        viewers.requireMayView(viewer, dealerId);
        Dealer dealer = directory.dealer(dealerId).orElseThrow(() -> ProblemException.notFound("Dealer " + dealerId));
        return reports.report(dealer, period(dealer, from, to), source(source));
    }

    private Period period(Dealer dealer, String from, String to) {
        LocalDate last = to == null || to.isBlank() ? clock.instant().atZone(dealer.zone()).toLocalDate() : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(defaultDays - 1L) : date("from", from);
        if (last.isBefore(first)) {
            throw ProblemException.badRequest("to", "'to' (" + last + ") is before 'from' (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= LONGEST_PERIOD_DAYS) {
            throw ProblemException.badRequest("from", "A report covers at most " + LONGEST_PERIOD_DAYS + " days");
        }
        return new Period(first, last, dealer.zone());
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "'" + field + "' must be a date like 2026-03-01, not '" + value + "'");
        }
    }

    private static Optional<String> source(String source) {
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        String normalised = source.trim().toLowerCase(Locale.ROOT);
        if (normalised.length() > 100) {
            throw ProblemException.badRequest("source", "'source' is at most 100 characters");
        }
        return Optional.of(normalised);
    }
}
