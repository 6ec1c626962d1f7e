package dev.followup.insights.api;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/**
 * How the dashboard writes shares and durations: {@code {fmt:percent(funnel.replyRate)}},
 * {@code {fmt:duration(seconds)}}; a figure that does not exist (no text yet) is a dash.
 */
@TemplateExtension(namespace = "fmt")
final class Formats {
    private Formats() {
    }

    static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** A lift in percentage points with its interval: "+12.0 pts (-3.1 to +27.1)". */
    static String lift(dev.followup.insights.domain.Report.Lift lift) {
        if (lift == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+.1f pts (%+.1f to %+.1f)", lift.difference() * 100, lift.low() * 100,
                lift.high() * 100);
    }
}
