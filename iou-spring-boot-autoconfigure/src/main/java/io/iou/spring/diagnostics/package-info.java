/**
 * Seeing stuck async work: which IOUs are pending, for how long, and where they were made.
 */
@NullMarked
package io.iou.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
