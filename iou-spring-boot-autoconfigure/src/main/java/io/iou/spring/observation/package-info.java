/**
 * IOUs observed with the Micrometer Observation API: named IOUs, HTTP reactor tasks and IOUs returned
 * by controllers each become a timer and, with Micrometer Tracing, a span.
 */
@NullMarked
package io.iou.spring.observation;

import org.jspecify.annotations.NullMarked;
