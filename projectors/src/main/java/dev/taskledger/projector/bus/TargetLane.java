package dev.taskledger.projector.bus;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One bus target's bulkhead: its own threads (a virtual thread per delivery), at most {@code concurrency}
 * deliveries at once and at most {@code perTenant} of one tenant, tenants with waiting work served in turn, and each
 * delivery bounded by {@code timeout}. So a slow target (a webhook that never answers, an export being zipped)
 * never delays another target, and within a target one tenant's backlog never holds another tenant's turn.
 *
 * <p>A delivery past its timeout is interrupted and reported failed (then retried or parked by the bus); its place
 * is freed at once, so code that ignores the interrupt cannot hold the lane. Written by hand because the fair
 * per-tenant queue is what resilience4j's Bulkhead and TimeLimiter do not offer.
 *
 * <p>Not promised: order between deliveries, even of one tenant (the bus is unordered, like EventBridge).
 */
final class TargetLane implements AutoCloseable {
    /** The bulkhead's size and time limit. */
    record Settings(int concurrency, int perTenant, Duration timeout) {
        Settings {
            if (concurrency < 1
                    || perTenant < 1
                    || perTenant > concurrency
                    || timeout.isNegative()
                    || timeout.isZero()) {
                throw new IllegalArgumentException(
                        "bad lane settings: " + concurrency + "/" + perTenant + "/" + timeout);
            }
        }
    }

    /** A delivery: runs, then reports its outcome exactly once (null on success). */
    interface Work {
        void run() throws Exception;
    }

    private final String name;
    private final Settings settings;
    private final ScheduledExecutorService watchdog;
    private final Map<String, ArrayDeque<Runnable>> waiting = new HashMap<>();
    private final LinkedHashSet<String> turns = new LinkedHashSet<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int runningTotal;
    private boolean closed;

    TargetLane(String name, Settings settings, ScheduledExecutorService watchdog) {
        this.name = name;
        this.settings = settings;
        this.watchdog = watchdog;
    }

    /** Queues {@code work} for {@code tenant}; {@code outcome} gets null on success or the failure. */
    void submit(String tenant, Work work, Consumer<Throwable> outcome) {
        synchronized (this) {
            if (closed) {
                return;
            }
            waiting.computeIfAbsent(tenant, t -> new ArrayDeque<>()).add(() -> run(tenant, work, outcome));
            turns.add(tenant);
        }
        pump();
    }

    private void pump() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = closed ? null : take();
            }
            if (next == null) {
                return;
            }
            Thread.ofVirtual().name("bus-" + name).start(next);
        }
    }

    /** The next delivery whose tenant may run one more, tenants taking turns; null when none may start. */
    private Runnable take() {
        if (runningTotal >= settings.concurrency()) {
            return null;
        }
        for (Iterator<String> it = turns.iterator(); it.hasNext(); ) {
            String tenant = it.next();
            if (running.getOrDefault(tenant, 0) >= settings.perTenant()) {
                continue;
            }
            ArrayDeque<Runnable> queue = waiting.get(tenant);
            Runnable work = queue.poll();
            it.remove();
            if (queue.isEmpty()) {
                waiting.remove(tenant);
            } else {
                turns.add(tenant); // to the back of the line
            }
            running.merge(tenant, 1, Integer::sum);
            runningTotal++;
            return work;
        }
        return null;
    }

    private void run(String tenant, Work work, Consumer<Throwable> outcome) {
        Thread self = Thread.currentThread();
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> limit = watchdog.schedule(
                () -> {
                    if (settled.compareAndSet(false, true)) {
                        self.interrupt();
                        try {
                            outcome.accept(new TimeoutException(
                                    "delivery to " + name + " took longer than " + settings.timeout()));
                        } finally {
                            release(tenant);
                        }
                    }
                },
                settings.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        Throwable failure = null;
        try {
            work.run();
        } catch (Throwable e) { // an Error too: reported and retried or parked, never lost with its thread
            failure = e;
        }
        limit.cancel(false);
        if (settled.compareAndSet(false, true)) {
            try {
                outcome.accept(failure);
            } finally {
                release(tenant);
            }
        }
    }

    private void release(String tenant) {
        synchronized (this) {
            running.computeIfPresent(tenant, (t, n) -> n == 1 ? null : n - 1);
            runningTotal--;
        }
        pump();
    }

    /** Deliveries waiting or running. */
    synchronized int size() {
        return runningTotal
                + waiting.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    @Override
    public synchronized void close() {
        closed = true;
        waiting.clear();
        turns.clear();
    }

    /**
     * The timer of every lane's time limits. Cancelled limits leave its queue at once: most deliveries end long
     * before their limit, and thousands a second would otherwise pile up there (each holding its delivery) until
     * their minutes-long limit passed.
     */
    static ScheduledExecutorService watchdog() {
        java.util.concurrent.ScheduledThreadPoolExecutor timer = new java.util.concurrent.ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("bus-watchdog").factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
