/**
 * Micrometer metrics for IOUs, fed by the core's hook SPI.
 */
@NullMarked
package io.iou.spring.metrics;

import org.jspecify.annotations.NullMarked;
