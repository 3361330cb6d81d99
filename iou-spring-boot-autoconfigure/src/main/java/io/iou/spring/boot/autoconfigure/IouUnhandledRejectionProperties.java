package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * How much the log says about rejections nobody handled ({@code iou.unhandled-rejections.*}): the
 * first {@code log-burst} of each {@code log-interval} are logged with their stack traces, then one
 * line per interval gives the number left out. Every one of them is counted in
 * {@code iou.rejected.unhandled}. Checked when bound, so a bad value stops the application at startup.
 */
@ConfigurationProperties("iou.unhandled-rejections")
public class IouUnhandledRejectionProperties implements Validator {

    /** Number of unhandled rejections logged with their stack traces per interval; 0 logs only the counts. */
    private int logBurst = 10;

    /** Length of an interval of the unhandled-rejection log; its summary line comes at its end. */
    private Duration logInterval = Duration.ofMinutes(1);

    /** Creates the properties with their defaults. */
    public IouUnhandledRejectionProperties() {
    }

    /**
     * Returns how many unhandled rejections per interval are logged in full.
     *
     * @return the burst
     */
    public int getLogBurst() {
        return this.logBurst;
    }

    /**
     * Sets how many unhandled rejections per interval are logged in full.
     *
     * @param logBurst at least 0
     */
    public void setLogBurst(int logBurst) {
        this.logBurst = logBurst;
    }

    /**
     * Returns the length of an interval.
     *
     * @return the interval
     */
    public Duration getLogInterval() {
        return this.logInterval;
    }

    /**
     * Sets the length of an interval.
     *
     * @param logInterval a positive duration
     */
    public void setLogInterval(Duration logInterval) {
        this.logInterval = logInterval;
    }

    /**
     * Whether {@link #validate} checks {@code type}.
     *
     * @param type the bound type
     * @return true for this class
     */
    @Override
    public boolean supports(Class<?> type) {
        return IouUnhandledRejectionProperties.class.isAssignableFrom(type);
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
        IouUnhandledRejectionProperties properties = (IouUnhandledRejectionProperties) target;
        if (properties.logBurst < 0) {
            errors.rejectValue("log-burst", "negative", "must not be negative (0 logs only the counts)");
        }
        if (!PropertyChecks.isPositive(properties.logInterval)) {
            errors.rejectValue("log-interval", "notPositive", "must be positive");
        }
    }
}
