package io.iou.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs each test of the class (or the annotated test) with a {@link VirtualIouTimer}, which a test
 * method receives as a parameter:
 *
 * <pre>{@code
 * @IouVirtualTime
 * class TimeoutTests {
 *     @Test
 *     void givesUpAfterThirtySeconds(VirtualIouTimer time) {
 *         IOU<String> answer = new IOU<String>().timeout(Duration.ofSeconds(30));
 *         time.advance(Duration.ofSeconds(30));
 *         assertThat(answer).hasTimedOut();
 *     }
 * }
 * }</pre>
 *
 * <p>The IOU timer is one for the JVM: the tests take the lock {@value #LOCK}, so JUnit never runs
 * them in parallel with each other, nor with other tests that take it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@ExtendWith(VirtualIouTimerExtension.class)
@ResourceLock(IouVirtualTime.LOCK)
public @interface IouVirtualTime {

    /** The JUnit resource lock on the JVM's IOU timer. */
    String LOCK = "io.iou.IouTimer";
}
