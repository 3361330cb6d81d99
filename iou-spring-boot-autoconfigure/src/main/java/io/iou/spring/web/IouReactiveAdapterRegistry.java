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
 * A view of a {@link ReactiveAdapterRegistry} that answers for {@link IOU} (and its subclasses) with
 * an adapter of its own, or with none, and hands every other type, and every registration, to the
 * registry it wraps.
 *
 * <p>It gives one application context its own answer for IOU where the registry is shared by every
 * context in the JVM, as {@link ReactiveAdapterRegistry#getSharedInstance()} is: with no adapter,
 * it keeps IOU out of one context's Spring MVC controllers ({@code iou.web.enabled=false}) while the
 * shared registry adapts IOU for the rest of the JVM. Every other type is answered exactly as
 * before, by the same registry.
 */
public class IouReactiveAdapterRegistry extends ReactiveAdapterRegistry {

    private final ReactiveAdapterRegistry delegate;

    private final @Nullable ReactiveAdapter iouAdapter;

    /**
     * Wraps {@code delegate}, answering for IOUs with {@code iouAdapter}.
     *
     * @param delegate the registry for every other type
     * @param iouAdapter the adapter for IOUs, or {@code null} to adapt no IOU
     * @throws NullPointerException if {@code delegate} is null
     * @throws IllegalArgumentException if {@code iouAdapter} is not for {@link IOU}
     */
    public IouReactiveAdapterRegistry(ReactiveAdapterRegistry delegate, @Nullable ReactiveAdapter iouAdapter) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.iouAdapter = iouAdapter;
        if (iouAdapter != null && iouAdapter.getReactiveType() != IOU.class) {
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
     * Returns this view's IOU adapter (or null) when the type, or the source's class, is an IOU;
     * otherwise asks the wrapped registry.
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

    /** Whether this view adapts IOU or the wrapped registry adapts anything. */
    @Override
    public boolean hasAdapters() {
        return iouAdapter != null || delegate.hasAdapters();
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
