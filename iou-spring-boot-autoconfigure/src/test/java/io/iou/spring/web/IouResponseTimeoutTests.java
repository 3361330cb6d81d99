package io.iou.spring.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IouResponseTimeoutTests {

    @Test
    void failsWith503NamingTheTimeout() {
        IouResponseTimeoutException failure = new IouResponseTimeout(Duration.ofSeconds(2)).failure();

        assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failure.getTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(failure.getCause()).hasMessageContaining("PT2S");
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IouResponseTimeout(Duration.ZERO))
                .withMessage("timeout must be positive but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new IouResponseTimeout(Duration.ofSeconds(-1)));
    }
}
