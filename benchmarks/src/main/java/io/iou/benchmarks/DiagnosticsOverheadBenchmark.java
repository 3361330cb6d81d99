package io.iou.benchmarks;

import java.util.concurrent.TimeUnit;

import io.iou.IOU;
import io.iou.spring.diagnostics.IouTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What pending-IOU diagnostics cost on the core hot path (create, one handler, fulfil): off (no hook
 * registered), tracking on, and tracking with creation-site capture.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DiagnosticsOverhead</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DiagnosticsOverheadBenchmark {

    /** {@code off}: no tracker; {@code tracking}: pending IOUs tracked; {@code sites}: plus creation sites. */
    @Param({ "off", "tracking", "sites" })
    public String diagnostics;

    private IouTracker tracker;

    /** Registers the tracker the parameter asks for. */
    @Setup(Level.Trial)
    public void setUp() {
        if (!diagnostics.equals("off")) {
            tracker = new IouTracker(diagnostics.equals("sites"));
            tracker.start();
        }
    }

    /** Unregisters the tracker. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /**
     * Creates an IOU, adds one handler and fulfils it.
     *
     * @return the handler's IOU, so that nothing is optimised away
     */
    @Benchmark
    public IOU<Integer> createFulfilOneHandler() {
        IOU<Integer> iou = new IOU<>();
        IOU<Integer> derived = iou.addFulfilledHandler(v -> v + 1);
        iou.fulfill(1);
        return derived;
    }
}
