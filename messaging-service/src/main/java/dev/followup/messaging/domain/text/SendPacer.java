package dev.followup.messaging.domain.text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.followup.messaging.config.MessagingSettings;
import dev.followup.messaging.domain.MessagingEvents;
import dev.followup.messaging.domain.RefusalReason;
import dev.followup.messaging.domain.directory.Dealer;
import dev.followup.platform.time.MovableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Lets each dealer's queued texts out at the dealer's rate, first touches first, then in arrival order; a burst waits
 * in the queue instead of being refused. One drain per dealer at a time in this process (its "lane"), and across
 * replicas the dealer's row is locked while a text is claimed, so the per-minute count is exact. A text is checked
 * again as it leaves (window, opt-out, kill switch, daily quota) and handed to {@link TextDispatcher} in order, one
 * at a time.
 * A queued text survives a restart: the next drain finds it.
 */
@ApplicationScoped
public class SendPacer {
    private static final Logger LOG = Logger.getLogger(SendPacer.class);
    private static final int REFUSALS_PER_LOOK = 20;
    private static final int QUIET_TICKS_PER_LOOK = 10;

    private final EntityManager entityManager;
    private final TextDispatcher dispatcher;
    private final SendQueue queue;
    private final MessagingEvents events;
    private final MessagingSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<UUID, AtomicInteger> wakeUps = new ConcurrentHashMap<>();
    /** Texts were queued or found waiting since the last look: keep looking every tick. */
    private final AtomicBoolean recentWork = new AtomicBoolean(true);
    private int quietTicks;
    private ExecutorService lanes;
    private ScheduledExecutorService ticker;

    public SendPacer(EntityManager entityManager, TextDispatcher dispatcher, SendQueue queue, MessagingEvents events,
            MessagingSettings settings, MovableClock clock) {
        this.entityManager = entityManager;
        this.dispatcher = dispatcher;
        this.queue = queue;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent startup) {
        AtomicInteger threads = new AtomicInteger();
        lanes = Executors.newFixedThreadPool(settings.dispatchThreads(), r -> {
            Thread t = new Thread(r, "send-lane-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "send-pacer-tick");
            t.setDaemon(true);
            return t;
        });
        long every = settings.pacerTick().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        ticker.shutdownNow();
        lanes.shutdown();
        try {
            lanes.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The dealer's queue has texts: drain it now (or again, when a drain is under way). */
    public void wake(UUID dealerId) {
        recentWork.set(true);
        AtomicInteger requests = wakeUps.computeIfAbsent(dealerId, id -> new AtomicInteger());
        if (requests.getAndIncrement() == 0) {
            lanes.execute(() -> lane(dealerId, requests));
        }
    }

    private void lane(UUID dealerId, AtomicInteger requests) {
        int seen;
        do {
            seen = requests.get();
            try {
                drain(dealerId);
            } catch (RuntimeException e) {
                LOG.warnf("draining the send queue of dealer %s failed, the next tick retries: %s", dealerId, e.toString());
            }
        } while (requests.addAndGet(-seen) > 0);
    }

    /**
     * Claims the dealer's texts one at a time and hands each over, until the queue is empty or the dealer's minute is
     * used up. Twilio's answer for a text is recorded in the transaction that claims the next one: one transaction per
     * text, and a process killed mid-drain leaves a single text dispatching, never several that merely waited behind it.
     */
    public void drain(UUID dealerId) {
        Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(dealerId));
        while (claim.text() != null) {
            TextDispatcher.Answer answer = dispatcher.send(claim.text());
            if (answer == null && !claim.more()) {
                return;
            }
            boolean more = claim.more();
            try {
                claim = QuarkusTransaction.requiringNew().call(() -> {
                    dispatcher.record(answer);
                    return more ? claim(dealerId) : Claim.NOTHING;
                });
            } catch (RuntimeException e) {
                dispatcher.recordAlone(answer); // the answer is kept even when the next claim could not be made
                throw e;
            }
        }
    }

    /**
     * @param text the claimed text, or null when none may go now
     * @param more whether another claim may find a text: the queue was not seen empty and the minute not used up
     */
    private record Claim(TextDispatcher.Claimed text, boolean more) {
        static final Claim NOTHING = new Claim(null, false);
    }

    /**
     * Claims the dealer's next text that may go now ({@code dispatching}) when the dealer's minute allows one, refusing
     * on the way those that may no longer go. Claimed just before it is handed over.
     */
    private Claim claim(UUID dealerId) {
        // Locked and read in one statement; a lock timeout of -2 is Hibernate's SKIP LOCKED.
        Dealer dealer = Dealer.<Dealer>find("dealerId", dealerId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2).firstResult();
        if (dealer == null) {
            return Claim.NOTHING; // another replica is claiming for this dealer right now
        }
        Instant now = clock.instant();
        int rate = dealer.sendRatePerMinute != null ? dealer.sendRatePerMinute : settings.dealerRatePerMinute();
        Handed handed = handed(dealerId, now);
        if (handed.lastMinute() >= rate) {
            return Claim.NOTHING;
        }
        boolean quotaLeft = handed.lastDay() < settings.dealerDailyQuota();
        while (true) {
            List<OutboundMessage> waiting = OutboundMessage.<OutboundMessage>find(
                    "dealerId = ?1 and status = ?2 order by priority, queuedSeq", dealerId, MessageStatus.WAITING)
                    .page(0, REFUSALS_PER_LOOK).list();
            boolean lastPage = waiting.size() < REFUSALS_PER_LOOK;
            for (int i = 0; i < waiting.size(); i++) {
                OutboundMessage message = waiting.get(i);
                RefusalReason refusal = queue.refusal(dealer, message.toPhone, message.sendBefore, now);
                if (refusal == null && !quotaLeft) {
                    refusal = RefusalReason.QUOTA_REACHED;
                }
                if (refusal == null) {
                    message.status = MessageStatus.DISPATCHING;
                    message.handedToTwilio = true;
                    message.dispatchStartedAt = now;
                    message.messagingServiceSid = dealer.messagingServiceSid;
                    message.fromPhone = dealer.messagingServiceSid == null ? dealer.textingNumber : null;
                    entityManager.flush();
                    boolean more = !(lastPage && i == waiting.size() - 1) && handed.lastMinute() + 1 < rate;
                    return new Claim(dispatcher.claimed(message), more);
                }
                SendQueue.refuse(message, refusal, now);
                events.textStatus(message, MessageStatus.FAILED, refusal, null, refusal.description(), now);
            }
            entityManager.flush();
            if (lastPage) {
                return Claim.NOTHING; // every waiting text was seen and refused
            }
        }
    }

    private record Handed(long lastMinute, long lastDay) {
    }

    /**
     * The dealer's texts handed to Twilio in the last minute and the last day, in one native statement: Panache's
     * {@code count} translates its HQL to SQL anew on each call, which was a fifth of messaging-service's CPU under
     * load (docs/benchmarks.md).
     */
    private Handed handed(UUID dealerId, Instant now) {
        Object[] counts = (Object[]) entityManager.createNativeQuery("""
                select count(*) filter (where dispatch_started_at > ?2), count(*) from outbound_message
                where dealer_id = ?1 and handed_to_twilio and dispatch_started_at > ?3""")
                .setParameter(1, dealerId).setParameter(2, now.minus(Duration.ofMinutes(1)))
                .setParameter(3, now.minus(Duration.ofDays(1))).getSingleResult();
        return new Handed(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
    }

    /**
     * Looks for waiting texts every tick while there is work, and every {@value #QUIET_TICKS_PER_LOOK}th tick when
     * there was none: an idle service does not query the database twice a second, and texts a dead replica left
     * waiting are still found within seconds.
     */
    private void tick() {
        if (!recentWork.getAndSet(false) && ++quietTicks < QUIET_TICKS_PER_LOOK) {
            return;
        }
        quietTicks = 0;
        wakeAllWaiting();
    }

    /**
     * Every dealer with a queued text gets a drain: what the rate held back last time may go now. Each wake keeps
     * the ticks coming; so does a failed look, to retry at the next tick.
     */
    private void wakeAllWaiting() {
        try {
            @SuppressWarnings("unchecked")
            List<Object> dealers = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "select distinct dealer_id from outbound_message where status = 'waiting'").getResultList());
            dealers.forEach(id -> wake((UUID) id));
        } catch (RuntimeException e) {
            LOG.debugf("send pacer tick failed, next tick retries: %s", e.toString());
            recentWork.set(true);
        }
    }
}
