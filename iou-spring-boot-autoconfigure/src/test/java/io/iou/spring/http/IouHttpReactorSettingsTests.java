package io.iou.spring.http;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link IouHttpReactor.Settings}: defaults and the values it refuses. */
class IouHttpReactorSettingsTests {

    @Test
    void defaultsHaveNoBaseUrlAndGenerousLimits() {
        IouHttpReactor.Settings defaults = IouHttpReactor.Settings.defaults();
        assertThat(defaults.baseUrl()).isNull();
        assertThat(defaults.maxInFlight()).isEqualTo(256);
        assertThat(defaults.maxQueued()).isEqualTo(1024);
        assertThat(defaults.maxResponseSize()).isEqualTo(1024 * 1024);
    }

    @Test
    void withMethodsChangeOneSetting() {
        IouHttpReactor.Settings settings = IouHttpReactor.Settings.defaults()
            .withBaseUrl("https://127.0.0.1:8443/api")
            .withMaxInFlight(4)
            .withMaxQueued(0)
            .withMaxResponseSize(512);
        assertThat(settings).isEqualTo(new IouHttpReactor.Settings(URI.create("https://127.0.0.1:8443/api"), 4, 0, 512));
    }

    @Test
    void outOfRangeValuesFailNamingTheSetting() {
        IouHttpReactor.Settings defaults = IouHttpReactor.Settings.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxInFlight(0))
            .withMessage("maxInFlight must be at least 1 but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxQueued(-1))
            .withMessage("maxQueued must not be negative but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxResponseSize(0))
            .withMessage("maxResponseSize must be at least 1 byte but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBaseUrl("/relative"))
            .withMessageStartingWith("Base URL must be an absolute http or https URL");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBaseUrl("http://127.0.0.1/?q=1"))
            .withMessageStartingWith("Base URL must not have a query");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBaseUrl("http://bad host/"))
            .withMessageStartingWith("Invalid base URL 'http://bad host/'");
    }
}
