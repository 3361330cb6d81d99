package io.iou.spring.observation;

import java.util.concurrent.atomic.AtomicBoolean;

import io.iou.spring.metrics.IouOutcome;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The observation of one IOU, from when it is created (or handed over) until it settles: with
 * Boot's meter handler a timer of that time, tagged {@code outcome}, and with Micrometer Tracing a
 * span. A rejection is recorded as the observation's error; a cancellation or timeout only as its
 * outcome, as the work did not fail. Stopped exactly once, by whichever outcome arrives first.
 */
public final class IouObservation {

    /** Observes nothing: for a registry that observes nothing. */
    public static final IouObservation NOOP = new IouObservation(Observation.NOOP);

    private final Observation observation;

    private final AtomicBoolean stopped = new AtomicBoolean();

    private IouObservation(Observation observation) {
        this.observation = observation;
    }

    /**
     * Starts an observation.
     *
     * @param registry where it is observed
     * @param name the observation's name, and so its timer's
     * @param contextualName the span's name
     * @param lowCardinality tags of the timer and the span
     * @param highCardinality tags of the span only
     * @param parent the parent observation, or {@code null} for the one current on this thread
     * @return the started observation
     */
    public static IouObservation start(ObservationRegistry registry, String name, String contextualName,
            KeyValues lowCardinality, KeyValues highCardinality, @Nullable Observation parent) {
        Observation observation = Observation.createNotStarted(name, registry)
            .contextualName(contextualName)
            .lowCardinalityKeyValues(lowCardinality)
            .highCardinalityKeyValues(highCardinality);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return new IouObservation(observation.start());
    }

    /**
     * Returns the Micrometer observation, to make it the parent of others.
     *
     * @return the observation; a no-op one when the registry observes nothing
     */
    public Observation observation() {
        return this.observation;
    }

    /**
     * Stops the observation with {@code outcome}, unless it was stopped already.
     *
     * @param outcome how the IOU settled
     * @param failure the reason of a rejection, recorded as the error; ignored for other outcomes
     * @return whether this call stopped it; false for a no-op observation
     */
    public boolean stop(IouOutcome outcome, @Nullable Throwable failure) {
        if (this.observation.isNoop() || !this.stopped.compareAndSet(false, true)) {
            return false;
        }
        this.observation.lowCardinalityKeyValue(IouOutcome.TAG, outcome.tagValue());
        if (outcome == IouOutcome.REJECTED && failure != null) {
            this.observation.error(failure);
        }
        this.observation.stop();
        return true;
    }
}
