/**
 * The HTTP reactor: HTTP requests submitted as tasks, answered with IOUs, on Spring WebFlux's
 * {@code WebClient}.
 */
@NullMarked
package io.iou.spring.http;

import org.jspecify.annotations.NullMarked;
