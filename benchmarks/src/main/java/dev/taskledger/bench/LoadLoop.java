package dev.taskledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** Runs N threads calling an operation in a closed loop: warm-up, then a measured window with an HDR histogram. */
final class LoadLoop {
    interface Call {
        void run(int thread, long iteration) throws Exception;
    }

    private LoadLoop() {}

    /** {@code count}, {@code per_second}, {@code p50_ms}, {@code p95_ms}, {@code p99_ms}, {@code max_ms} of the window. */
    static ObjectNode measure(long millis, int threads, Call call) throws Exception {
        Recorder latencies = new Recorder(3);
        LongAdder count = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                try {
                    for (long i = 0; !stop.get(); i++) {
                        long start = System.nanoTime();
                        call.run(thread, i);
                        if (measuring.get()) {
                            latencies.recordValue(System.nanoTime() - start);
                            count.increment();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(Math.min(5000, millis / 3)); // warm-up
        latencies.reset();
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        measuring.set(false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " load threads failed");
        }
        var h = latencies.getIntervalHistogram();
        ObjectNode r = EventCodec.MAPPER.createObjectNode();
        r.put("count", count.sum());
        r.put("per_second", Math.round(count.sum() / elapsed));
        r.put("p50_ms", h.getValueAtPercentile(50) / 1e6);
        r.put("p95_ms", h.getValueAtPercentile(95) / 1e6);
        r.put("p99_ms", h.getValueAtPercentile(99) / 1e6);
        r.put("max_ms", h.getMaxValue() / 1e6);
        return r;
    }
}
