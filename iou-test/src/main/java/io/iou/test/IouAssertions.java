package io.iou.test;

import io.iou.IOU;

/**
 * Entry point of the IOU assertions, beside AssertJ's own:
 * {@code import static io.iou.test.IouAssertions.assertThat;}.
 */
public final class IouAssertions {

    private IouAssertions() {
    }

    /**
     * Starts assertions on an IOU.
     *
     * @param actual the IOU under test
     * @param <T> its value type
     * @return the assertions
     */
    public static <T> IouAssert<T> assertThat(IOU<T> actual) {
        return new IouAssert<>(actual);
    }
}
