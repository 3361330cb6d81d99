package io.iou.spring.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tag values of IOU names ({@link io.iou.IOU#named}) in metrics and observations. Names are meant
 * to be few and fixed ("fetch-person"); so that a caller that puts ids or user input in names cannot
 * blow up the cardinality, only the first {@code maxNames} distinct names are their own tag value and
 * every later one is {@value #OTHER}. One instance serves every meter and observation of an
 * application, so that they all agree on which names those are.
 */
public final class IouNameTags {

    /** The tag value of names past the bound. */
    public static final String OTHER = "other";

    private final int maxNames;

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /**
     * Creates the bound.
     *
     * @param maxNames how many distinct names get their own tag value; at least 1
     * @throws IllegalArgumentException if {@code maxNames} is less than 1
     */
    public IouNameTags(int maxNames) {
        if (maxNames < 1) {
            throw new IllegalArgumentException("maxNames must be at least 1 but was " + maxNames);
        }
        this.maxNames = maxNames;
    }

    /**
     * Returns the tag value of {@code name}: the name itself while fewer than {@code maxNames} names
     * have been seen or if it was among them, {@value #OTHER} otherwise.
     *
     * @param name an IOU's name
     * @return the tag value
     */
    public String tag(String name) {
        if (this.names.contains(name)) {
            return name;
        }
        synchronized (this.names) {
            if (this.names.size() < this.maxNames) {
                this.names.add(name);
                return name;
            }
            return this.names.contains(name) ? name : OTHER;
        }
    }

    /**
     * Returns the names that are their own tag value.
     *
     * @return at most {@code maxNames} names
     */
    public Set<String> names() {
        return Set.copyOf(this.names);
    }
}
