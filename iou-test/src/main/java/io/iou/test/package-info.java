/**
 * Testing code that uses IOUs: AssertJ assertions ({@link io.iou.test.IouAssertions#assertThat}) and
 * virtual time ({@link io.iou.test.VirtualIouTimer}, {@link io.iou.test.IouVirtualTime}), as
 * Reactor's {@code StepVerifier} and {@code VirtualTimeScheduler} are for Reactor code.
 */
package io.iou.test;
