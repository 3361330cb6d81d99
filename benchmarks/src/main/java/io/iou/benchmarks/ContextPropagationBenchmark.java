package io.iou.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.iou.IOU;
import io.iou.spring.context.IouContextSnapshotPropagator;
import io.micrometer.context.ContextRegistry;
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
 * What carrying context to handlers costs on the hot path: {@code CoreBenchmark}'s first case (an IOU
 * created, given one handler, fulfilled) with no propagator registered ({@code off}: one volatile read
 * more than before context propagation existed, and no allocation), with the starter's propagator and
 * no context on the thread ({@code on-empty}), and with one thread-local value to carry
 * ({@code on-one-value}). The handler is added while the IOU is pending, so its context is captured
 * and restored. Each value of {@code context} runs in its own fork.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ContextPropagation -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc};
 * the {@code gc.alloc.rate.norm} rows give the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContextPropagationBenchmark {

    private static final Function<Integer, Integer> INC = (value) -> value + 1;

    private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    /** Whether a propagator is registered, and what the benchmark thread has to carry. */
    @Param({ "off", "on-empty", "on-one-value" })
    public String context;

    private final Integer value = 42;

    private ContextRegistry registry;

    private IouContextSnapshotPropagator propagator;

    /** Registers the propagator under test, over a registry of one thread-local. */
    @Setup(Level.Trial)
    public void register() {
        if (!"off".equals(this.context)) {
            this.registry = new ContextRegistry().registerThreadLocalAccessor("tenant", TENANT);
            this.propagator = new IouContextSnapshotPropagator(this.registry);
            this.propagator.start();
        }
        if ("on-one-value".equals(this.context)) {
            TENANT.set("acme");
        }
    }

    /** Unregisters it. */
    @TearDown(Level.Trial)
    public void unregister() {
        if (this.propagator != null) {
            this.propagator.close();
        }
        TENANT.remove();
    }

    /**
     * Creates an IOU, adds one handler and fulfils it.
     *
     * @return the handler's result, so that nothing is optimised away
     */
    @Benchmark
    public Object createOneHandlerFulfil() {
        IOU<Integer> iou = new IOU<>();
        IOU<Integer> handled = iou.addFulfilledHandler(INC);
        iou.fulfill(this.value);
        return handled.getValue();
    }
}
