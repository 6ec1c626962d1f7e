package dev.followup.insights.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.followup.insights.domain.Outcome;
import dev.followup.insights.domain.Report;

/** Each table of a {@link Report} as CSV with a header row (Jackson CSV does the quoting). */
final class CsvTables {
    static final List<String> NAMES = List.of("funnel", "first-text", "sources", "reps", "steps");
    private static final CsvMapper CSV = new CsvMapper();

    private CsvTables() {
    }

    static String write(String table, Report report) {
        List<String> header = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        switch (table) {
            case "funnel" -> {
                Report.Funnel f = report.funnel();
                header.addAll(List.of("leads", "merged_duplicates", "texted", "first_text_p50_seconds",
                        "first_text_p90_seconds", "texted_within_1_minute", "texted_within_5_minutes",
                        "never_texted_opted_out", "never_texted_no_mobile", "never_texted_refused", "never_texted_waiting",
                        "contacted", "replied", "opted_out", "appointments", "visits", "sold", "lost"));
                rows.add(List.of(f.leads(), f.mergedDuplicates(), f.texted(), blank(f.firstTextP50Seconds()),
                        blank(f.firstTextP90Seconds()), f.textedWithin1Minute(), f.textedWithin5Minutes(),
                        f.neverTexted().get("opted-out"), f.neverTexted().get("no-mobile"), f.neverTexted().get("refused"),
                        f.neverTexted().get("waiting"), f.contacted(), f.replied(), f.optedOut(), f.appointments(),
                        f.visits(), f.sold(), f.lost()));
            }
            case "first-text" -> {
                header.addAll(List.of("bucket", "up_to_seconds", "leads"));
                report.timeToFirstText().forEach(bar -> rows.add(List.of(bar.label(), blank(bar.upToSeconds()), bar.leads())));
            }
            case "sources" -> {
                header.addAll(List.of("source", "leads", "texted", "replied", "appointments", "sold"));
                report.sources().forEach(s -> rows.add(List.of(s.source(), s.leads(), s.texted(), s.replied(),
                        s.appointments(), s.sold())));
            }
            case "reps" -> {
                header.addAll(List.of("rep_id", "name", "tasks_given", "done", "done_late", "overdue", "cancelled",
                        "skipped_over_cap"));
                Outcome.ALL.forEach(outcome -> header.add("outcome_" + outcome.replace('-', '_')));
                header.add("median_reply_to_done_seconds");
                report.reps().forEach(rep -> {
                    List<Object> row = new ArrayList<>(List.of(rep.repId(), rep.name(), rep.tasksGiven(), rep.done(),
                            rep.doneLate(), rep.overdue(), rep.cancelled(), rep.skippedOverCap()));
                    Outcome.ALL.forEach(outcome -> row.add(rep.outcomes().getOrDefault(outcome, 0L)));
                    row.add(blank(rep.medianReplyToDoneSeconds()));
                    rows.add(row);
                });
            }
            case "steps" -> {
                header.addAll(List.of("step", "channel", "sent", "replies_within_48_hours", "appointments_within_7_days",
                        "opt_outs_within_48_hours", "reply_rate", "opt_out_rate", "appointment_rate", "held_out",
                        "held_out_reply_rate", "held_out_appointment_rate", "reply_lift", "reply_lift_low",
                        "reply_lift_high", "appointment_lift", "appointment_lift_low", "appointment_lift_high"));
                report.steps().forEach(s -> {
                    List<Object> row = new ArrayList<>(List.of(s.step(), s.channel(), s.sent(), s.repliesWithin48Hours(),
                            s.appointmentsWithin7Days(), s.optOutsWithin48Hours(), s.replyRate(), s.optOutRate(),
                            s.appointmentRate()));
                    Report.Holdout h = s.holdout();
                    row.add(h == null ? "" : h.leads());
                    row.add(h == null ? "" : h.replyRate());
                    row.add(h == null ? "" : h.appointmentRate());
                    for (Report.Lift lift : h == null ? new Report.Lift[2] : new Report.Lift[] {h.replyLift(), h.appointmentLift()}) {
                        row.add(lift == null ? "" : lift.difference());
                        row.add(lift == null ? "" : lift.low());
                        row.add(lift == null ? "" : lift.high());
                    }
                    rows.add(row);
                });
            }
            default -> throw new IllegalArgumentException("no table " + table);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        header.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV of " + table + " could not be written", e);
        }
    }

    private static Object blank(Object value) {
        return value == null ? "" : value;
    }
}
