package io.iou.spring.metrics;

import java.time.Duration;

import io.iou.IOU;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class IouNamedMetricsTests {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private IouNamedMetrics metrics;

    @AfterEach
    void stop() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private void start(int maxNames) {
        metrics = new IouNamedMetrics(maxNames);
        metrics.bindTo(registry);
        metrics.start();
    }

    @Test
    void countsNamedIousByName() {
        start(10);
        IOU<String> a = IOU.named("fetch-person");
        IOU<String> b = IOU.named("fetch-person");
        IOU<String> c = IOU.named("send-mail");
        new IOU<String>().fulfill("unnamed are not counted here");

        assertThat(pending("fetch-person")).isEqualTo(2);
        a.fulfill("x");
        b.reject(new IllegalStateException("down"));
        b.getValue();

        assertThat(pending("fetch-person")).isZero();
        assertThat(registry.get("iou.named.fulfilled").tag("name", "fetch-person").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("iou.named.rejected").tag("name", "fetch-person").functionCounter().count()).isEqualTo(1);
        assertThat(pending("send-mail")).isEqualTo(1);
        c.cancel();
        IOU<String> slow = IOU.<String>named("send-mail").timeout(Duration.ofMillis(1));
        await().until(() -> !slow.isPending());
        assertThat(registry.get("iou.named.cancelled").tag("name", "send-mail").tag("outcome", "cancelled")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("iou.named.cancelled").tag("name", "send-mail").tag("outcome", "timed-out")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("iou.named.rejected").tag("name", "send-mail").functionCounter().count()).isZero();
        assertThat(pending("send-mail")).isZero();
        assertThat(registry.find("iou.named.pending").tag("name", "unnamed").gauge()).isNull();
    }

    @Test
    void namesPastTheBoundCountAsOther() {
        start(3);
        for (int i = 0; i < 100; i++) {
            IOU.named("user-" + i).fulfill("x");
        }
        assertThat(metrics.names()).hasSize(3);
        assertThat(registry.find("iou.named.fulfilled").functionCounters()).hasSize(4);
        assertThat(registry.get("iou.named.fulfilled").tag("name", IouNamedMetrics.OTHER).functionCounter().count())
                .isEqualTo(97);
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IouNamedMetrics(0))
                .withMessageContaining("at least 1");
    }

    private double pending(String name) {
        return registry.get("iou.named.pending").tag("name", name).gauge().value();
    }
}
