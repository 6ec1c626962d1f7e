package dev.followup.insights.api;

import java.util.List;
import java.util.Locale;

import dev.followup.insights.domain.Report;

/**
 * The dashboard's charts as inline SVG drawn on the server, so the page needs no JavaScript. Labels are the
 * chart's own fixed words and numbers, never input.
 */
final class Charts {
    private static final int WIDTH = 320;
    private static final int LABEL = 110;
    private static final int BAR_HEIGHT = 22;

    private Charts() {
    }

    record Bar(String label, long value) {
    }

    static String funnel(Report.Funnel funnel) {
        return horizontalBars("Lead funnel", List.of(new Bar("Leads", funnel.leads()), new Bar("Texted", funnel.texted()),
                new Bar("Contacted", funnel.contacted()), new Bar("Replied", funnel.replied()),
                new Bar("Appointments", funnel.appointments()), new Bar("Visits", funnel.visits()),
                new Bar("Sold", funnel.sold())));
    }

    static String timeToFirstText(List<Report.HistogramBar> histogram) {
        return horizontalBars("Time to first text",
                histogram.stream().map(bar -> new Bar(bar.label(), bar.leads())).toList());
    }

    private static String horizontalBars(String title, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int height = bars.size() * (BAR_HEIGHT + 6) + 6;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">"
                        + "<title>%s</title>", WIDTH, height, title, title));
        int y = 6;
        int room = WIDTH - LABEL - 50;
        for (Bar bar : bars) {
            int length = (int) Math.round((double) bar.value() / max * room);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2b6cb0\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%d</text>",
                    LABEL - 6, y + 15, bar.label(), LABEL, y, Math.max(length, 1), BAR_HEIGHT, LABEL + length + 4,
                    y + 15, bar.value()));
            y += BAR_HEIGHT + 6;
        }
        return svg.append("</svg>").toString();
    }
}
