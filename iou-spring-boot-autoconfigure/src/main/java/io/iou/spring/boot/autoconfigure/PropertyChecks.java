package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Checks the properties classes' validators share. */
final class PropertyChecks {

    private PropertyChecks() {
    }

    /** Whether {@code duration} is set and longer than zero ({@code Duration.isPositive} needs Java 18). */
    static boolean isPositive(@Nullable Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
