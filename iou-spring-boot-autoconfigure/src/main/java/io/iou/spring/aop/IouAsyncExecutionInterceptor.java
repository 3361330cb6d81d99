package io.iou.spring.aop;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.AnnotationAsyncExecutionInterceptor;

import io.iou.IOU;

/**
 * {@code @Async} for methods that return an IOU; every other method goes to the interceptor it
 * stands in for. The caller gets a pending IOU at once, bound to the executor the method runs on, so
 * its handlers run there too. The executor is the one {@code @Async} names, or the default, chosen
 * exactly as Spring chooses it ({@link #determineAsyncExecutor}). The caller's IOU settles as the
 * method's IOU does, or rejects with what the method throws; an executor that refuses the call
 * rejects it with its {@link RejectedExecutionException}. Cancelled before the method starts, the
 * method does not run; after, the method's IOU is cancelled unless another dependent wants it.
 */
public class IouAsyncExecutionInterceptor extends AnnotationAsyncExecutionInterceptor {

    private final MethodInterceptor others;

    /**
     * Creates the interceptor; configure its default executor as Spring's, with
     * {@link #configure} and {@link #setBeanFactory}.
     *
     * @param others the interceptor for methods that do not return an IOU
     * @throws NullPointerException if {@code others} is null
     */
    public IouAsyncExecutionInterceptor(MethodInterceptor others) {
        super(null);
        this.others = Objects.requireNonNull(others, "others");
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Method method = BridgeMethodResolver.getMostSpecificMethod(invocation.getMethod(),
                target != null ? AopUtils.getTargetClass(target) : null);
        if (!Adoption.returnsIou(method)) {
            return others.invoke(invocation);
        }
        AsyncTaskExecutor executor = determineAsyncExecutor(method);
        if (executor == null) {
            throw new IllegalStateException("No executor for @Async method " + method.toGenericString()
                    + " and no default executor either");
        }
        IOU<Object> result = IOU.bound(executor);
        try {
            executor.execute(() -> {
                if (!result.isPending()) {
                    return; // cancelled before it started
                }
                Object returned;
                try {
                    returned = invocation.proceed();
                }
                catch (Throwable failure) {
                    result.reject(failure);
                    return;
                }
                Adoption.adopt(returned, invocation, result, () -> { });
            });
        }
        catch (RejectedExecutionException refused) {
            result.reject(refused);
        }
        return result;
    }
}
