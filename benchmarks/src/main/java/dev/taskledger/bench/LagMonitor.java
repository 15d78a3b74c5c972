package dev.taskledger.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Projection lag, as the load driver and the projection benchmark measure it: from a command's acknowledgement
 * (its {@code X-Ledger-Sequence} received) to the moment the projection reports that sequence applied, polled
 * every millisecond.
 */
final class LagMonitor {
    private final LongSupplier projectedSequence;
    private final ConcurrentHashMap<Long, Long> acknowledged = new ConcurrentHashMap<>();
    private final Histogram lag = new Histogram(3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread monitor;

    LagMonitor(LongSupplier projectedSequence) {
        this.projectedSequence = projectedSequence;
        this.monitor = Thread.ofPlatform().daemon().start(this::watch);
    }

    /** A command acknowledged at {@code nanos}; one already projected by then counts with a lag of zero. */
    void acknowledged(long sequence, long nanos) {
        if (sequence <= projectedSequence.getAsLong()) {
            record(0);
        } else {
            acknowledged.put(sequence, nanos);
        }
    }

    private void watch() {
        long seen = 0;
        while (running.get() || !acknowledged.isEmpty()) {
            long projected = projectedSequence.getAsLong();
            long now = System.nanoTime();
            for (long s = seen + 1; s <= projected; s++) {
                Long ack = acknowledged.remove(s);
                if (ack != null) {
                    record(Math.max(0, now - ack));
                }
            }
            seen = Math.max(seen, projected);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(long nanos) {
        synchronized (lag) {
            lag.recordValue(nanos);
        }
    }

    /** Stops once every acknowledged sequence is projected, waiting at most {@code millis}. */
    void finish(long millis) throws InterruptedException {
        running.set(false);
        monitor.join(millis);
    }

    double percentileMillis(double percentile) {
        synchronized (lag) {
            return lag.getValueAtPercentile(percentile) / 1e6;
        }
    }

    double maxMillis() {
        synchronized (lag) {
            return lag.getMaxValue() / 1e6;
        }
    }

    long samples() {
        synchronized (lag) {
            return lag.getTotalCount();
        }
    }
}
