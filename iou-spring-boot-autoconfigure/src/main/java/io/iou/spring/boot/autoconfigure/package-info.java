/**
 * Auto-configuration for IOU: the {@code @AutoConfiguration} classes and their properties.
 */
@NullMarked
package io.iou.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
