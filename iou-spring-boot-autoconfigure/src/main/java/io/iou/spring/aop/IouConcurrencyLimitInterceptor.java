package io.iou.spring.aop;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.resilience.InvocationRejectedException;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrencyThrottleSupport;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;

import io.iou.IOU;

/**
 * {@code @ConcurrencyLimit} for methods that return an IOU; every other method goes to the
 * interceptor it stands in for. A call holds its permit until the IOU it returns to its caller
 * settles, not merely until the method returns, so the limit bounds the work in flight. The caller
 * gets an IOU that settles as the method's does; cancelling it releases the permit and withdraws its
 * interest in the method's IOU (which is then cancelled unless another dependent wants it).
 *
 * <p>As in Spring: one limit per proxy and method, or, for a limit declared on the class, one per
 * proxy shared by its IOU-returning methods; the {@code BLOCK} policy makes the calling thread wait
 * for a permit, {@code REJECT} throws an {@link InvocationRejectedException}. The IOU-returning
 * methods of a class-level limit count apart from its other methods, which Spring's interceptor
 * counts.
 */
public class IouConcurrencyLimitInterceptor implements MethodInterceptor {

    private final MethodInterceptor others;

    private final @Nullable StringValueResolver valueResolver;

    /** Per proxy, as in Spring: the limits of its methods, keyed by method, or by class for a class-level limit. */
    private final Map<Object, Map<Object, Throttle>> throttles = Collections.synchronizedMap(new IdentityHashMap<>(16));

    /**
     * Creates the interceptor.
     *
     * @param others the interceptor for methods that do not return an IOU
     * @param valueResolver resolves placeholders in {@code limitString}, or null
     * @throws NullPointerException if {@code others} is null
     */
    public IouConcurrencyLimitInterceptor(MethodInterceptor others, @Nullable StringValueResolver valueResolver) {
        this.others = Objects.requireNonNull(others, "others");
        this.valueResolver = valueResolver;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        if (!Adoption.returnsIou(invocation.getMethod())) {
            return others.invoke(invocation);
        }
        Throttle throttle = throttle(invocation);
        throttle.acquire();
        Object returned;
        try {
            returned = invocation.proceed();
        }
        catch (Throwable failure) {
            throttle.release();
            throw failure;
        }
        if (returned == null) {
            throttle.release();
            return null;
        }
        IOU<?> result = Adoption.pendingLike((IOU<?>) returned);
        Adoption.adopt(returned, invocation, result, throttle::release);
        return result;
    }

    private Throttle throttle(MethodInvocation invocation) {
        Method method = invocation.getMethod();
        Object instance = invocation instanceof ProxyMethodInvocation proxied ? proxied.getProxy() : invocation.getThis();
        Objects.requireNonNull(instance, "a unique instance is required: use a ProxyMethodInvocation");
        Object owner = instance;
        Class<?> targetClass = invocation.getThis() != null ? AopUtils.getTargetClass(invocation.getThis())
                : method.getDeclaringClass();
        Map<Object, Throttle> limits = throttles.computeIfAbsent(instance, key -> new ConcurrentHashMap<>());
        ConcurrencyLimit onMethod = AnnotatedElementUtils.findMergedAnnotation(
                ClassUtils.getMostSpecificMethod(method, targetClass), ConcurrencyLimit.class);
        if (onMethod != null) {
            return limits.computeIfAbsent(method,
                    key -> new Throttle(onMethod, ClassUtils.getQualifiedMethodName(method), owner, valueResolver));
        }
        return limits.computeIfAbsent(targetClass, key -> {
            ConcurrencyLimit onClass = AnnotatedElementUtils.findMergedAnnotation(targetClass, ConcurrencyLimit.class);
            if (onClass == null) {
                throw new IllegalStateException("No @ConcurrencyLimit annotation found on " + method);
            }
            return new Throttle(onClass, targetClass.getName(), owner, valueResolver);
        });
    }

    /** Spring's throttle, with its permit taken and given back by the interceptor, as the IOU settles. */
    @SuppressWarnings("serial")
    static final class Throttle extends ConcurrencyThrottleSupport {

        private final boolean reject;

        private final String identifier;

        private final transient Object target;

        Throttle(ConcurrencyLimit annotation, String identifier, Object target, @Nullable StringValueResolver resolver) {
            int limit = annotation.limit();
            String limitString = annotation.limitString();
            if (StringUtils.hasText(limitString)) {
                String resolved = resolver != null ? resolver.resolveStringValue(limitString) : limitString;
                if (StringUtils.hasText(resolved)) {
                    limit = Integer.parseInt(resolved);
                }
            }
            if (limit < UNBOUNDED_CONCURRENCY) {
                throw new IllegalStateException(annotation + " must be configured with a valid limit");
            }
            setConcurrencyLimit(limit);
            this.reject = annotation.policy() == ConcurrencyLimit.ThrottlePolicy.REJECT;
            this.identifier = identifier;
            this.target = target;
        }

        void acquire() {
            beforeAccess();
        }

        void release() {
            afterAccess();
        }

        @Override
        protected void onLimitReached() {
            if (reject) {
                onAccessRejected("Concurrency limit reached: " + getConcurrencyLimit() + " - not allowed to enter");
            }
            super.onLimitReached();
        }

        @Override
        protected void onAccessRejected(String message) {
            throw new InvocationRejectedException(message + " " + identifier, target);
        }
    }
}
