package dev.followup.platform.time;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Lets end-to-end journeys and benchmarks move every service's clock forward together, without an endpoint: when
 * {@code followup.clock.control-file} names a file, this service reads the offset (milliseconds, one number) from it
 * every 25 ms, moves its {@link MovableClock} forward to it, and writes the offset it applied to
 * {@code <file>.ack.<pid>}, so the one who moved it knows when every process has. Nothing configures it in
 * production, and no production artifact has a way to move the clock.
 */
@ApplicationScoped
public class ClockControl {
    private static final Logger LOG = Logger.getLogger(ClockControl.class);

    private final MovableClock clock;
    private final Optional<Path> file;
    private ScheduledExecutorService watcher;

    public ClockControl(MovableClock clock, @ConfigProperty(name = "followup.clock.control-file") Optional<String> file) {
        this.clock = clock;
        this.file = file.filter(f -> !f.isBlank()).map(Path::of);
    }

    void onStart(@Observes StartupEvent startup) {
        if (file.isEmpty()) {
            return;
        }
        LOG.warnf("The clock follows %s (tests and benchmarks only)", file.get());
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clock-control");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::follow, 0, 25, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private void follow() {
        try {
            Path control = file.get();
            if (!Files.isRegularFile(control)) {
                return;
            }
            long target = Long.parseLong(Files.readString(control, StandardCharsets.UTF_8).trim());
            long behind = target - clock.offset().toMillis();
            if (behind > 0) {
                clock.advance(java.time.Duration.ofMillis(behind));
            }
            Path ack = control.resolveSibling(control.getFileName() + ".ack." + ProcessHandle.current().pid());
            String applied = String.valueOf(clock.offset().toMillis());
            if (!Files.exists(ack) || !Files.readString(ack, StandardCharsets.UTF_8).equals(applied)) {
                Path tmp = ack.resolveSibling(ack.getFileName() + ".tmp");
                Files.writeString(tmp, applied, StandardCharsets.UTF_8);
                Files.move(tmp, ack, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debugf("clock control file not readable yet: %s", e.toString());
        }
    }
}
