package io.iou.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.iou.spring.metrics.IouMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the IOU metrics cost on the hot path: an IOU created, given one handler and fulfilled (two IOUs,
 * four hook events), with no hook ({@code off}), with a hook that does nothing ({@code noop-hook}: the
 * core's dispatch alone) and with the {@link IouMetrics} hook ({@code on}). Each value of
 * {@code metrics} runs in its own fork, so the JIT never sees another case.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MetricsOverhead -f 1 -wi 3 -i 5 -w 1s -r 1s};
 * add {@code -t 4} to see the counters under contention.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsOverheadBenchmark {

    private static final Function<Integer, Integer> INCREMENT = (value) -> value + 1;

    /** Which hook is registered: none, one that does nothing, or the IOU metrics. */
    @Param({ "off", "noop-hook", "on" })
    public String metrics;

    private IouHooks.Registration registration;

    private IouMetrics iouMetrics;

    /** Registers the hook under test. */
    @Setup(Level.Trial)
    public void registerHook() {
        if ("noop-hook".equals(this.metrics)) {
            this.registration = IouHooks.register(new IouHook() {
            });
        }
        else if ("on".equals(this.metrics)) {
            this.iouMetrics = new IouMetrics();
            this.iouMetrics.bindTo(new SimpleMeterRegistry());
        }
    }

    /** Unregisters the hook under test. */
    @TearDown(Level.Trial)
    public void unregisterHook() {
        if (this.registration != null) {
            this.registration.close();
        }
        if (this.iouMetrics != null) {
            this.iouMetrics.close();
        }
    }

    /**
     * Creates an IOU, adds one handler and fulfils it.
     *
     * @return the handler's result, so that nothing is optimised away
     */
    @Benchmark
    public Object createFulfillOneHandler() {
        IOU<Integer> iou = new IOU<>();
        IOU<Integer> handled = iou.addFulfilledHandler(INCREMENT);
        iou.fulfill(1);
        return handled.getValue();
    }
}
