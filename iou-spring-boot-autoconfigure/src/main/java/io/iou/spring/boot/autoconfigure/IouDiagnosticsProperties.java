package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Diagnostics of pending IOUs ({@code iou.diagnostics.*}). Checked when bound, so a bad value stops
 * the application at startup with the property, its value and the reason.
 */
@ConfigurationProperties("iou.diagnostics")
public class IouDiagnosticsProperties implements Validator {

    /**
     * Whether to track pending IOUs for the 'ious' actuator endpoint and the iou.abandoned metric. On by
     * default: it costs about 17 ns per IOU a program makes (a marker on the IOU; none for the IOUs of
     * handlers and joins), and a weak reference only for an IOU still pending after a moment.
     */
    private boolean enabled = true;

    /** Whether to record the stack frame that created each tracked IOU; costs a stack walk per IOU. */
    private boolean captureCreationSite;

    /** Maximum number of pending IOUs the 'ious' endpoint lists, oldest first. */
    private int maxListed = 100;

    /** How long the IOU executor must stay saturated to count as saturated, in health details and for readiness. */
    private Duration saturationWindow = Duration.ofSeconds(30);

    /** Whether readiness turns REFUSING_TRAFFIC while the IOU executor stays saturated; liveness and health never do. */
    private boolean refuseTrafficWhenSaturated;

    /** Creates the properties with their defaults. */
    public IouDiagnosticsProperties() {
    }

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
     * How long the executor must stay saturated to count as saturated.
     *
     * @return the window
     */
    public Duration getSaturationWindow() {
        return saturationWindow;
    }

    /**
     * Sets how long the executor must stay saturated to count as saturated.
     *
     * @param saturationWindow a positive duration
     */
    public void setSaturationWindow(Duration saturationWindow) {
        this.saturationWindow = saturationWindow;
    }

    /**
     * Whether readiness turns REFUSING_TRAFFIC while the executor stays saturated.
     *
     * @return whether saturation affects readiness
     */
    public boolean isRefuseTrafficWhenSaturated() {
        return refuseTrafficWhenSaturated;
    }

    /**
     * Sets whether readiness turns REFUSING_TRAFFIC while the executor stays saturated.
     *
     * @param refuseTrafficWhenSaturated whether saturation affects readiness
     */
    public void setRefuseTrafficWhenSaturated(boolean refuseTrafficWhenSaturated) {
        this.refuseTrafficWhenSaturated = refuseTrafficWhenSaturated;
    }

    /**
     * Sets how many pending IOUs the endpoint lists.
     *
     * @param maxListed the maximum; at least 1
     */
    public void setMaxListed(int maxListed) {
        this.maxListed = maxListed;
    }

    /**
     * Whether {@link #validate} checks {@code type}.
     *
     * @param type the bound type
     * @return true for this class
     */
    @Override
    public boolean supports(Class<?> type) {
        return IouDiagnosticsProperties.class.isAssignableFrom(type);
    }

    /**
     * Checks bound values. Each error names its property as configuration spells it, which is
     * how Spring Boot's startup failure report then shows it.
     *
     * @param target these properties
     * @param errors where problems are reported
     */
    @Override
    public void validate(Object target, Errors errors) {
        IouDiagnosticsProperties properties = (IouDiagnosticsProperties) target;
        if (properties.maxListed < 1) {
            errors.rejectValue("max-listed", "notPositive", "must be at least 1");
        }
        if (!PropertyChecks.isPositive(properties.saturationWindow)) {
            errors.rejectValue("saturation-window", "notPositive", "must be positive");
        }
    }
}
