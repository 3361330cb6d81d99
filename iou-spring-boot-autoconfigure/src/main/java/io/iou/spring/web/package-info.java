/**
 * Controllers that return IOUs, in WebFlux and Spring MVC: IOU as a Spring reactive type, and the
 * post-processors that add it to the registry each stack reads.
 */
@NullMarked
package io.iou.spring.web;

import org.jspecify.annotations.NullMarked;
