/**
 * Thread-local context (logging MDC, the current observation and trace span, the security context)
 * carried from where an IOU handler is added to wherever it runs, through Micrometer's context
 * propagation.
 */
@NullMarked
package io.iou.spring.context;

import org.jspecify.annotations.NullMarked;
