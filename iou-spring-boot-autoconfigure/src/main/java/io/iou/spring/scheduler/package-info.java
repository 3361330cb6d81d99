/**
 * The pool IOU handlers run on, as a Spring bean: {@link io.iou.spring.scheduler.IouScheduler} and the
 * {@link io.iou.spring.scheduler.IouTaskExecutor} behind it.
 */
@NullMarked
package io.iou.spring.scheduler;

import org.jspecify.annotations.NullMarked;
