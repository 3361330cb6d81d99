package io.iou.spring.aop;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import io.iou.IOU;
import io.iou.IouSubscription;

/**
 * How an interceptor hands the IOU a method returned on to the IOU it gave its caller: the caller's
 * IOU wants the method's outcome while it waits, and cancelling it withdraws that interest, so the
 * method's IOU is cancelled unless another dependent still wants it (see {@link IOU#cancel()}).
 */
final class Adoption {

    private Adoption() {
    }

    /** Whether the method an invocation calls, as the target class declares it, returns an IOU. */
    static boolean returnsIou(Method method) {
        return IOU.class.isAssignableFrom(method.getReturnType());
    }

    /** A pending IOU bound to the executor of {@code like}, if it has one. */
    static <T> IOU<T> pendingLike(IOU<?> like) {
        Executor executor = like.executor();
        return executor != null ? IOU.bound(executor) : new IOU<>();
    }

    /**
     * Listens to what {@code invocation} returned, which must be an IOU: a method that returns null
     * instead rejects {@code target} with a {@link NullPointerException} naming it. The listener
     * receives the outcome unless {@code target} is cancelled first, which withdraws it; then
     * {@code withdrawn} runs instead. Exactly one of the two runs.
     *
     * @return the method's IOU, or null if it returned null
     */
    static @Nullable IOU<?> listen(@Nullable Object returned, MethodInvocation invocation, IOU<?> target,
            BiConsumer<Object, @Nullable Throwable> listener, Runnable withdrawn) {
        if (returned == null) {
            withdrawn.run();
            target.reject(new NullPointerException(invocation.getMethod().toGenericString()
                    + " returned null instead of an IOU"));
            return null;
        }
        IOU<?> source = (IOU<?>) returned;
        IouSubscription subscription = source.whenSettled(listener);
        target.onCancel(() -> {
            if (subscription.cancel()) {
                withdrawn.run();
            }
        });
        return source;
    }

    /** Settles {@code target} as {@code returned} settles: see {@link #listen}. */
    @SuppressWarnings("unchecked")
    static void adopt(@Nullable Object returned, MethodInvocation invocation, IOU<?> target, Runnable done) {
        IOU<Object> settled = (IOU<Object>) target;
        listen(returned, invocation, target, (value, failure) -> {
            done.run();
            if (failure == null) {
                settled.fulfill(value);
            }
            else {
                settled.reject(failure);
            }
        }, done);
    }
}
