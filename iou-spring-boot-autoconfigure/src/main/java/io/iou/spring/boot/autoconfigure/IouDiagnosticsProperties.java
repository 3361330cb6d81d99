package io.iou.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Diagnostics of pending IOUs ({@code iou.diagnostics.*}).
 */
@ConfigurationProperties("iou.diagnostics")
public class IouDiagnosticsProperties {

    /** Whether to track pending IOUs for the 'ious' actuator endpoint; costs a weak reference per IOU. */
    private boolean enabled;

    /** Whether to record the stack frame that created each tracked IOU; costs a stack walk per IOU. */
    private boolean captureCreationSite;

    /** Maximum number of pending IOUs the 'ious' endpoint lists, oldest first. */
    private int maxListed = 100;

    /**
     * Whether tracking is on.
     *
     * @return whether pending IOUs are tracked
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Switches tracking.
     *
     * @param enabled whether pending IOUs are tracked
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Whether creation sites are recorded.
     *
     * @return whether each tracked IOU records where it was created
     */
    public boolean isCaptureCreationSite() {
        return captureCreationSite;
    }

    /**
     * Switches creation-site capture.
     *
     * @param captureCreationSite whether each tracked IOU records where it was created
     */
    public void setCaptureCreationSite(boolean captureCreationSite) {
        this.captureCreationSite = captureCreationSite;
    }

    /**
     * How many pending IOUs the endpoint lists.
     *
     * @return the maximum
     */
    public int getMaxListed() {
        return maxListed;
    }

    /**
     * Sets how many pending IOUs the endpoint lists.
     *
     * @param maxListed the maximum; at least 1
     */
    public void setMaxListed(int maxListed) {
        if (maxListed < 1) {
            throw new IllegalArgumentException("iou.diagnostics.max-listed must be at least 1 but was " + maxListed);
        }
        this.maxListed = maxListed;
    }
}
