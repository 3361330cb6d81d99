package io.iou.spring.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

import io.iou.IOU;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

class IouResponseTimeoutTests {

    @Test
    void expiredWaitCancelsTheIouAndFailsWith503() {
        IOU<String> never = new IOU<>();
        Duration timeout = Duration.ofMillis(50);

        Throwable failure = catchThrowable(
                () -> Mono.from(new IouResponseTimeout(timeout).apply(new IouPublisher<>(never))).block());

        assertThat(failure).isInstanceOfSatisfying(IouResponseTimeoutException.class, ex -> {
            assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(ex.getTimeout()).isEqualTo(timeout);
        });
        assertThat(never.isCancelled()).isTrue();
    }

    @Test
    void valueInTimePassesThrough() {
        IouResponseTimeout timeout = new IouResponseTimeout(Duration.ofSeconds(30));

        assertThat(Mono.from(timeout.apply(new IouPublisher<>(IOU.fulfilled("ada")))).block()).isEqualTo("ada");
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IouResponseTimeout(Duration.ZERO))
                .withMessage("timeout must be positive but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new IouResponseTimeout(Duration.ofSeconds(-1)));
    }
}
