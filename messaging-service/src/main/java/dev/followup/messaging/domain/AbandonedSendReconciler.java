package dev.followup.messaging.domain;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.followup.messaging.config.MessagingSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Runs {@link SendService#reconcileAbandoned()} at startup and then every followup.messaging.reconcile-every. */
@ApplicationScoped
public class AbandonedSendReconciler {
    private static final Logger LOG = Logger.getLogger(AbandonedSendReconciler.class);

    private final SendService sends;
    private final MessagingSettings settings;
    private ScheduledExecutorService scheduler;

    public AbandonedSendReconciler(SendService sends, MessagingSettings settings) {
        this.sends = sends;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent startup) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "abandoned-send-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.reconcileEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void reconcile() {
        try {
            sends.reconcileAbandoned();
        } catch (RuntimeException e) {
            LOG.warnf("reconciling abandoned sends failed, next try in %s: %s", settings.reconcileEvery(), e.toString());
        }
    }
}
