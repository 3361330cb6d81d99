package io.iou.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the IOU metrics ({@code iou.metrics.*}).
 */
@ConfigurationProperties("iou.metrics")
public class IouMetricsProperties {

    /** Whether to publish the iou.* metrics (pending, fulfilled, rejected, cancelled, rejected.unhandled, named, scheduler saturations). */
    private boolean enabled = true;

    /** Maximum number of distinct IOU names tagged in the iou.named.* metrics; later names count as 'other'. */
    private int maxNames = 50;

    /** Creates the properties with their defaults. */
    public IouMetricsProperties() {
    }

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

    /**
     * Returns how many distinct names get their own tag.
     *
     * @return the bound
     */
    public int getMaxNames() {
        return this.maxNames;
    }

    /**
     * Sets how many distinct names get their own tag.
     *
     * @param maxNames at least 1
     */
    public void setMaxNames(int maxNames) {
        if (maxNames < 1) {
            throw new IllegalArgumentException("iou.metrics.max-names must be at least 1 but was " + maxNames);
        }
        this.maxNames = maxNames;
    }
}
