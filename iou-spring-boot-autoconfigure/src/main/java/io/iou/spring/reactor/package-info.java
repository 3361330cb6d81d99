/**
 * Reactor interop: an IOU as a {@code Mono}, and a {@code Mono} or any Reactive Streams publisher as
 * an IOU, with cancellation carried both ways.
 */
@NullMarked
package io.iou.spring.reactor;

import org.jspecify.annotations.NullMarked;
