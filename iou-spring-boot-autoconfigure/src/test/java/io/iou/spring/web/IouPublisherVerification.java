package io.iou.spring.web;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;

/**
 * The Reactive Streams TCK 1.0.4 against {@link IouPublisher}; the subclasses choose when the IOU
 * settles and whether a response timeout runs. The TCK is TestNG-based; the TestNG engine runs it on
 * the JUnit Platform with the rest of the tests, and surefire reports each subclass's 38 tests.
 *
 * <p>Each subclass passes 12 and skips 26, all inherent to a publisher of at most one element
 * ({@link #maxElementsFromPublisher()} is 1):
 * <ul>
 * <li>7 {@code untested_*}: rules the TCK has no test for; it skips them for every publisher.</li>
 * <li>10 on streams of several elements, which an IOU cannot be: exactly three elements
 * ({@code createPublisher3}), the number produced per request (1.1, five elements), fewer than
 * requested (1.2, three), completion after the last of three (1.5), sequential signals over ten
 * (stochastic 1.3), pending demand summed over elements up to {@code Long.MAX_VALUE} (three tests of
 * 3.17) and three multicast tests comparing the sequences of several subscribers (1.11, three to
 * five elements).</li>
 * <li>9 on rules that hold for one element too but whose TCK tests are written for longer streams:
 * requests from {@code onNext} and {@code onSubscribe} (3.2, six elements), bounded recursion (3.3,
 * two), requests after a cancel do nothing (3.6, three), {@code request(n <= 0)} fails with an
 * {@link IllegalArgumentException} (3.9, three tests of ten), a cancel stops the signals and drops the
 * subscriber (3.12, twenty; 3.13, three). {@link IouPublisherTests} checks these rules on the
 * one-element publisher directly.</li>
 * </ul>
 */
abstract class IouPublisherVerification extends PublisherVerification<Integer> {

    /**
     * How long the TCK waits for a signal it expects (generous: loaded CI machines) and for signals
     * it expects not to come (the TCK's own default).
     */
    static final TestEnvironment ENVIRONMENT = new TestEnvironment(5_000, 100, 5_000);

    IouPublisherVerification() {
        super(ENVIRONMENT, 300);
    }

    /** An IOU holds one value: the TCK's tests of longer streams are skipped. */
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        // 0 elements: an IOU fulfilled with null completes empty; 1 element: a value
        return publisherOf((elements == 0) ? null : 42);
    }

    /** A publisher of an IOU fulfilled with {@code value} (null for an empty stream). */
    abstract Publisher<Integer> publisherOf(Integer value);
}
