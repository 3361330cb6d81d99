package io.iou.spring.observation;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.iou.IouRegistrar;
import io.iou.spring.metrics.IouNameTags;
import io.iou.spring.metrics.IouOutcome;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes every named IOU ({@link IOU#named}) from creation to settlement, as
 * {@value #OBSERVATION}: a timer of the time to settle tagged {@code name} (bounded by
 * {@link IouNameTags}) and {@code outcome}, and, with Micrometer Tracing, a span named after the IOU
 * whose parent is the span current where the IOU was created. Unnamed IOUs cost one null check.
 *
 * <p>An IOU that is garbage collected while pending is never settled: its observation is dropped
 * unstopped (no timer sample, no span), and the IOU counts in {@code iou.named.pending} until then.
 */
public final class NamedIouObservations implements IouHook, AutoCloseable {

    /** The observation's name, and so its timer's. */
    public static final String OBSERVATION = "iou.named.settle";

    private final ObservationRegistry registry;

    private final IouNameTags nameTags;

    /** The observations of pending named IOUs, held weakly so that an abandoned IOU leaves no trace. */
    private final Map<IOU<?>, IouObservation> pending = Collections.synchronizedMap(new WeakHashMap<>());

    private final IouRegistrar hook = new IouRegistrar(() -> IouHooks.register(this));

    /**
     * Creates the observations; nothing is observed until {@link #start()}.
     *
     * @param registry where the IOUs are observed
     * @param nameTags the bound on names shared with the IOU meters
     */
    public NamedIouObservations(ObservationRegistry registry, IouNameTags nameTags) {
        this.registry = registry;
        this.nameTags = nameTags;
    }

    /** Starts observing named IOUs created from now on. */
    public void start() {
        this.hook.start();
    }

    /** Stops observing, for good; the IOUs observed so far are stopped when they settle. */
    @Override
    public void close() {
        this.hook.close();
    }

    /**
     * Starts observing a named IOU, as the child of the observation current on this thread; called by
     * the core.
     *
     * @param iou the new IOU
     */
    @Override
    public void created(IOU<?> iou) {
        String name = iou.name();
        if (name != null) {
            this.pending.put(iou, IouObservation.start(this.registry, OBSERVATION, name,
                    KeyValues.of("name", this.nameTags.tag(name)), KeyValues.empty(), null));
        }
    }

    /**
     * Stops a named IOU's observation as fulfilled; called by the core.
     *
     * @param iou the IOU
     */
    @Override
    public void fulfilled(IOU<?> iou) {
        stop(iou, IouOutcome.FULFILLED, null);
    }

    /**
     * Stops a named IOU's observation as rejected, with the reason as its error; called by the core.
     *
     * @param iou the IOU
     * @param reason why it was rejected
     */
    @Override
    public void rejected(IOU<?> iou, Throwable reason) {
        stop(iou, IouOutcome.REJECTED, reason);
    }

    /**
     * Stops a named IOU's observation as cancelled or timed out; called by the core.
     *
     * @param iou the IOU
     * @param reason the cancellation, or the timeout
     */
    @Override
    public void cancelled(IOU<?> iou, Throwable reason) {
        stop(iou, IouOutcome.ofCancellation(reason), reason);
    }

    private void stop(IOU<?> iou, IouOutcome outcome, @Nullable Throwable reason) {
        if (iou.name() != null) {
            IouObservation observation = this.pending.remove(iou);
            if (observation != null) {
                observation.stop(outcome, reason);
            }
        }
    }
}
