package io.iou.spring.web;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;

import io.iou.IOU;

/**
 * A {@link ReactiveAdapterRegistry} that adapts {@link IOU} (and its subclasses) with one adapter
 * and hands every other type, and every registration, to the registry it wraps.
 *
 * <p>Wrapping instead of registering keeps IOU out of registries that others share: Spring MVC
 * reads {@link ReactiveAdapterRegistry#getSharedInstance()}, a JVM-wide singleton that every
 * application context (and every test context) in the JVM sees. Wrapped, one context's IOU support
 * and its off switch never leak into another, and every other type is answered exactly as before,
 * by the same registry.
 */
public class IouReactiveAdapterRegistry extends ReactiveAdapterRegistry {

    private final ReactiveAdapterRegistry delegate;

    private final ReactiveAdapter iouAdapter;

    /**
     * Wraps {@code delegate}, answering for IOUs with {@code iouAdapter}.
     *
     * @param delegate the registry for every other type
     * @param iouAdapter the adapter for IOUs
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code iouAdapter} is not for {@link IOU}
     */
    public IouReactiveAdapterRegistry(ReactiveAdapterRegistry delegate, ReactiveAdapter iouAdapter) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.iouAdapter = Objects.requireNonNull(iouAdapter, "iouAdapter");
        if (iouAdapter.getReactiveType() != IOU.class) {
            throw new IllegalArgumentException("iouAdapter must adapt " + IOU.class.getName()
                    + " but adapts " + iouAdapter.getReactiveType().getName());
        }
    }

    /**
     * Returns the wrapped registry.
     *
     * @return the registry that answers for every type but IOU
     */
    public ReactiveAdapterRegistry getDelegate() {
        return delegate;
    }

    /**
     * Returns the IOU adapter when the type, or the source's class, is an IOU; otherwise asks the
     * wrapped registry.
     */
    @Override
    public @Nullable ReactiveAdapter getAdapter(@Nullable Class<?> reactiveType, @Nullable Object source) {
        Object value = source instanceof Optional<?> optional ? optional.orElse(null) : source;
        Class<?> type = value != null ? value.getClass() : reactiveType;
        if (type != null && IOU.class.isAssignableFrom(type)) {
            return iouAdapter;
        }
        return delegate.getAdapter(reactiveType, source);
    }

    /** Always true: this registry adapts at least IOU. */
    @Override
    public boolean hasAdapters() {
        return true;
    }

    /** Registers with the wrapped registry, so that the registration behaves as it would without IOU. */
    @Override
    public void registerReactiveType(ReactiveTypeDescriptor descriptor,
            Function<Object, Publisher<?>> toAdapter, Function<Publisher<?>, Object> fromAdapter) {
        if (constructing()) {
            super.registerReactiveType(descriptor, toAdapter, fromAdapter);
            return;
        }
        delegate.registerReactiveType(descriptor, toAdapter, fromAdapter);
    }

    /** Registers with the wrapped registry, so that the registration behaves as it would without IOU. */
    @Override
    public void registerReactiveTypeOverride(ReactiveTypeDescriptor descriptor,
            Function<Object, Publisher<?>> toAdapter, Function<Publisher<?>, Object> fromAdapter) {
        if (constructing()) {
            super.registerReactiveTypeOverride(descriptor, toAdapter, fromAdapter);
            return;
        }
        delegate.registerReactiveTypeOverride(descriptor, toAdapter, fromAdapter);
    }

    /**
     * Whether the superclass constructor is still running: it registers its default adapters
     * through the methods above before {@code delegate} is assigned. Those land in this registry's
     * own list, which is never consulted.
     */
    @SuppressWarnings("ConstantValue")
    private boolean constructing() {
        return delegate == null;
    }
}
