/**
 * Spring Boot auto-configuration for IOU and the properties that drive it.
 */
@NullMarked
package io.iou.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
