package dev.followup.testing;

import static io.restassured.RestAssured.given;

/** A service's {@code /q/metrics} page (Prometheus text format), read for the value of one metric. */
public final class PrometheusPage {
    private final String text;

    private PrometheusPage(String text) {
        this.text = text;
    }

    /** The page of the service under test ({@code @QuarkusTest}'s base URI). */
    public static PrometheusPage now() {
        return of("");
    }

    /** The page of the service at {@code baseUrl} (empty: the service under test). */
    public static PrometheusPage of(String baseUrl) {
        return new PrometheusPage(given().get(baseUrl + "/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The sum of the metric's samples whose labels include every {@code name=value} pair given (none: all samples);
     * 0 when the page has none.
     */
    public double sum(String metric, String... labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (!(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            String labelText = line.startsWith(metric + "{") ? line.substring(metric.length() + 1, line.lastIndexOf('}')) : "";
            boolean matches = true;
            for (String label : labels) {
                int eq = label.indexOf('=');
                if (!labelText.contains(label.substring(0, eq) + "=\"" + label.substring(eq + 1) + "\"")) {
                    matches = false;
                    break;
                }
            }
            if (matches) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
