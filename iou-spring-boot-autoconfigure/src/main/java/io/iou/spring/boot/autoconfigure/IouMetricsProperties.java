package io.iou.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the IOU metrics ({@code iou.metrics.*}).
 */
@ConfigurationProperties("iou.metrics")
public class IouMetricsProperties {

    /** Whether to publish the iou.* metrics (pending, fulfilled, rejected, rejected.unhandled). */
    private boolean enabled = true;

    /**
     * Returns whether the IOU metrics are published.
     *
     * @return whether enabled
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets whether the IOU metrics are published.
     *
     * @param enabled whether enabled
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
