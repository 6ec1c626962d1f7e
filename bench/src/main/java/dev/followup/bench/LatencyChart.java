package dev.followup.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Latency (p50 and p99, log scale) against offered load, drawn with plain Java2D into a PNG. Steps that had errors
 * are marked with a red ring.
 */
public final class LatencyChart {
    /** One load step: offered requests/s, p50 and p99 in ms, and whether it had errors. */
    public record Point(double offeredRate, double p50Millis, double p99Millis, boolean errors) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;

    private LatencyChart() {
    }

    /**
     * @param targetMillis drawn as a dashed horizontal line (e.g. the p99 target), or NaN for none
     */
    public static void write(Path png, String title, List<Point> points, double targetMillis) {
        write(png, title, "offered load (requests/s, fixed arrival rate)", points, targetMillis);
    }

    /** The same chart with another x axis (a point's {@code offeredRate} is then that axis's value). */
    public static void write(Path png, String title, String xTitle, List<Point> points, double targetMillis) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points to draw");
        }
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);

            double maxRate = points.stream().mapToDouble(Point::offeredRate).max().orElse(1);
            double xMax = niceCeiling(maxRate * 1.05);
            double lowest = Math.min(points.stream().mapToDouble(Point::p50Millis).filter(v -> v > 0).min().orElse(1),
                    Double.isNaN(targetMillis) ? Double.MAX_VALUE : targetMillis);
            double highest = Math.max(points.stream().mapToDouble(Point::p99Millis).filter(v -> !Double.isNaN(v)).max()
                    .orElse(10), Double.isNaN(targetMillis) ? 0 : targetMillis);
            int decadeLow = (int) Math.floor(Math.log10(Math.max(lowest, 0.01)));
            int decadeHigh = (int) Math.ceil(Math.log10(Math.max(highest, 0.1)));
            if (decadeHigh <= decadeLow) {
                decadeHigh = decadeLow + 1;
            }
            Axes axes = new Axes(xMax, decadeLow, decadeHigh);

            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.setColor(Color.BLACK);
            g.drawString(title, LEFT, 32);

            // grid and axis labels
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics metrics = g.getFontMetrics();
            for (int d = decadeLow; d <= decadeHigh; d++) {
                int y = axes.y(Math.pow(10, d));
                g.setColor(new Color(225, 225, 225));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                for (int m = 2; m < 10 && d < decadeHigh; m++) {
                    int minor = axes.y(m * Math.pow(10, d));
                    g.setColor(new Color(245, 245, 245));
                    g.drawLine(LEFT, minor, WIDTH - RIGHT, minor);
                }
                g.setColor(Color.DARK_GRAY);
                String label = formatMillis(Math.pow(10, d));
                g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 4);
            }
            double step = niceStep(xMax / 8);
            for (double x = 0; x <= xMax + 1e-9; x += step) {
                int px = axes.x(x);
                g.setColor(new Color(235, 235, 235));
                g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
                g.setColor(Color.DARK_GRAY);
                String label = String.format("%.0f", x);
                g.drawString(label, px - metrics.stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            g.drawString(xTitle, LEFT + (WIDTH - LEFT - RIGHT - metrics.stringWidth(xTitle)) / 2, HEIGHT - 22);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            String yTitle = "latency from intended start (ms, log scale)";
            rotated.drawString(yTitle, -(TOP + (HEIGHT - TOP - BOTTOM + metrics.stringWidth(yTitle)) / 2), 22);
            rotated.dispose();

            if (!Double.isNaN(targetMillis)) {
                Stroke old = g.getStroke();
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
                g.setColor(new Color(200, 60, 60));
                int y = axes.y(targetMillis);
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setStroke(old);
                g.drawString("target p99 " + formatMillis(targetMillis), WIDTH - RIGHT - 120, y - 6);
            }

            series(g, axes, points, true, new Color(30, 100, 200));
            series(g, axes, points, false, new Color(230, 130, 20));

            // legend
            int lx = LEFT + 16;
            int ly = TOP + 18;
            g.setColor(new Color(30, 100, 200));
            g.fillRect(lx, ly - 8, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString("p50", lx + 24, ly - 2);
            g.setColor(new Color(230, 130, 20));
            g.fillRect(lx, ly + 10, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString("p99", lx + 24, ly + 16);
            g.setColor(Color.RED);
            g.drawOval(lx + 4, ly + 26, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString("step with errors", lx + 24, ly + 35);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static void series(Graphics2D g, Axes axes, List<Point> points, boolean p50, Color color) {
        g.setColor(color);
        Stroke old = g.getStroke();
        g.setStroke(new BasicStroke(2.2f));
        int[] previous = null;
        for (Point p : points) {
            double value = p50 ? p.p50Millis() : p.p99Millis();
            if (Double.isNaN(value)) {
                continue;
            }
            int[] here = {axes.x(p.offeredRate()), axes.y(value)};
            if (previous != null) {
                g.drawLine(previous[0], previous[1], here[0], here[1]);
            }
            g.fillOval(here[0] - 4, here[1] - 4, 8, 8);
            if (p.errors()) {
                g.setColor(Color.RED);
                g.drawOval(here[0] - 8, here[1] - 8, 16, 16);
                g.setColor(color);
            }
            previous = here;
        }
        g.setStroke(old);
    }

    private record Axes(double xMax, int decadeLow, int decadeHigh) {
        int x(double rate) {
            return LEFT + (int) Math.round(rate / xMax * (WIDTH - LEFT - RIGHT));
        }

        int y(double millis) {
            double v = Math.log10(Math.max(millis, Math.pow(10, decadeLow)));
            double fraction = (v - decadeLow) / (decadeHigh - decadeLow);
            return HEIGHT - BOTTOM - (int) Math.round(Math.min(1, fraction) * (HEIGHT - TOP - BOTTOM));
        }
    }

    private static String formatMillis(double millis) {
        if (millis >= 1000) {
            return String.format("%.0f s", millis / 1000);
        }
        return millis >= 1 ? String.format("%.0f ms", millis) : String.format("%.2g ms", millis);
    }

    private static double niceCeiling(double value) {
        double step = niceStep(value / 8);
        return Math.ceil(value / step) * step;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        double normalized = raw / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
