package io.iou.spring.metrics;

import java.util.Map;

import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.observation.IouResponseObservation;
import io.iou.spring.observation.NamedIouObservations;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Describes the timers that the meter handler of the observation registry makes from the IOU
 * observations, which carry no description of their own: without one, the Prometheus output has no
 * {@code HELP} line for them and {@code promtool check metrics} objects.
 */
public final class IouObservationMeterDescriptions implements MeterFilter {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            NamedIouObservations.OBSERVATION, "Time named IOUs took to settle, by name and outcome",
            NamedIouObservations.OBSERVATION + ".active", "Named IOUs not yet settled, and for how long",
            IouHttpReactor.OBSERVATION, "Time HTTP reactor tasks took from submission to settlement, by outcome",
            IouHttpReactor.OBSERVATION + ".active", "HTTP reactor tasks not yet settled, and for how long",
            IouResponseObservation.OBSERVATION, "Time controller responses waited for their IOU, by outcome",
            IouResponseObservation.OBSERVATION + ".active", "Controller responses waiting for their IOU, and for how long");

    /** Creates the filter; register it with the meter registry, as Spring Boot does with a bean of it. */
    public IouObservationMeterDescriptions() {
    }

    /**
     * Adds the description of an IOU observation's timer that has none.
     *
     * @param id a meter's id
     * @return the id, described if it is one of the IOU observations' timers
     */
    @Override
    public Meter.Id map(Meter.Id id) {
        String description = (id.getDescription() == null) ? DESCRIPTIONS.get(id.getName()) : null;
        if (description == null) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }
}
