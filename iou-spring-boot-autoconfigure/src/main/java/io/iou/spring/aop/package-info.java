/**
 * Methods that return IOUs under Spring's method interceptors: {@code @Async}, and Spring Framework
 * 7's {@code @Retryable} and {@code @ConcurrencyLimit}. Spring's own interceptors know only
 * {@code Future}, {@code void} and Reactive Streams types; {@link io.iou.spring.aop.IouMethodInterceptorsPostProcessor}
 * puts an IOU-aware interceptor in the place of each on the proxies of classes with IOU-returning
 * methods, and every other method keeps Spring's.
 */
@NullMarked
package io.iou.spring.aop;

import org.jspecify.annotations.NullMarked;
