package io.iou.spring.web;

import java.lang.reflect.Field;

import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.util.ReflectionUtils;

/**
 * Makes {@link ReactiveAdapterRegistry#getSharedInstance()} a fresh registry, without IOU, until
 * closed, when the registry before it comes back. The shared registry is JVM-wide and a registration
 * can never be taken back, so this is how a test sees what a JVM that never registered IOU would.
 */
public final class FreshSharedRegistry implements AutoCloseable {

    private static final Field SHARED = ReflectionUtils.findField(ReactiveAdapterRegistry.class, "sharedInstance");

    static {
        ReflectionUtils.makeAccessible(SHARED);
    }

    private final Object previous;

    private FreshSharedRegistry() {
        this.previous = ReflectionUtils.getField(SHARED, null);
        ReflectionUtils.setField(SHARED, null, new ReactiveAdapterRegistry());
    }

    /**
     * Replaces the shared registry with a fresh one.
     *
     * @return a handle that puts the previous one back
     */
    public static FreshSharedRegistry install() {
        return new FreshSharedRegistry();
    }

    @Override
    public void close() {
        ReflectionUtils.setField(SHARED, null, previous);
    }
}
