package io.iou.spring.diagnostics;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code ious} actuator endpoint: the pending IOUs the app tracks, oldest first. Like other
 * detailed endpoints it is not exposed over the web unless {@code management.endpoints.web.exposure.include}
 * names it.
 */
@Endpoint(id = "ious")
public class IousEndpoint {

    private final IouTracker tracker;

    private final int maxListed;

    /**
     * Creates the endpoint.
     *
     * @param tracker what it reads
     * @param maxListed how many pending IOUs to list at most
     */
    public IousEndpoint(IouTracker tracker, int maxListed) {
        this.tracker = tracker;
        this.maxListed = maxListed;
    }

    /**
     * Reads the pending IOUs.
     *
     * @return how many are pending and abandoned, and the oldest pending ones
     */
    @ReadOperation
    public IousDescriptor ious() {
        return new IousDescriptor(tracker.pendingCount(), tracker.abandonedCount(),
                tracker.capturesCreationSite(), tracker.oldest(maxListed));
    }

    /**
     * The endpoint's answer.
     *
     * @param pending how many tracked IOUs are pending
     * @param abandoned how many were garbage collected while pending
     * @param creationSitesCaptured whether {@code createdAt} is recorded
     * @param oldest the oldest pending IOUs, oldest first
     */
    public record IousDescriptor(int pending, long abandoned, boolean creationSitesCaptured,
            List<IouTracker.PendingIou> oldest) {
    }
}
