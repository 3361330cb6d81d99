/**
 * Auto-configuration of IOU for Spring Boot, and the properties of each feature.
 */
@NullMarked
package io.iou.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
