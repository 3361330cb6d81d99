package io.iou.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the IOU metrics ({@code iou.metrics.*}). Checked when bound, so a bad value stops
 * the application at startup with the property, its value and the reason.
 */
@ConfigurationProperties("iou.metrics")
public class IouMetricsProperties implements Validator {

    /** Whether to publish the iou.* metrics (pending, fulfilled, rejected, cancelled, rejected.unhandled, abandoned, named, scheduler saturations). */
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
        this.maxNames = maxNames;
    }

    /**
     * Whether {@link #validate} checks {@code type}.
     *
     * @param type the bound type
     * @return true for this class
     */
    @Override
    public boolean supports(Class<?> type) {
        return IouMetricsProperties.class.isAssignableFrom(type);
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
        if (((IouMetricsProperties) target).maxNames < 1) {
            errors.rejectValue("max-names", "notPositive", "must be at least 1");
        }
    }
}
