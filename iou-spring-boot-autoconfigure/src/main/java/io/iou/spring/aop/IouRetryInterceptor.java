package io.iou.spring.aop;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryEvent;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.resilience.retry.MethodRetrySpec;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;
import org.springframework.util.backoff.BackOffExecution;

import io.iou.IOU;
import io.iou.IouTimer;

/**
 * {@code @Retryable} for methods that return an IOU; every other method goes to the interceptor it
 * stands in for. A settled IOU cannot be subscribed to again, so a retry calls the method again, as
 * Spring does for a method that throws; the caller gets one IOU that settles with the first
 * fulfilment, or rejects once the retries are exhausted (or a failure is not retryable) with the
 * last failure, the earlier ones added to it as suppressed exceptions.
 *
 * <p>Everything else follows the annotation as Spring reads it ({@code includes}, {@code excludes},
 * {@code predicate}, {@code maxRetries}, {@code delay}, {@code jitter}, {@code multiplier},
 * {@code maxDelay}, placeholders in the {@code *String} attributes), and Spring's
 * {@link MethodRetryEvent}s are published. As for a reactive return type, {@code timeout} bounds the
 * whole operation: the caller's IOU then fails with a {@link java.util.concurrent.TimeoutException}.
 *
 * <p>A back-off holds no thread: the next call is scheduled on the {@link IouTimer} (virtual time in
 * tests), and made on the executor given here. Cancelling the caller's IOU stops the retries, drops
 * a pending back-off and withdraws interest from the IOU of the call in flight. {@link #stop()}
 * (the application context closing) ends every retry waiting for its back-off at once, and every
 * call in flight when it fails: their IOUs reject with the last failure, noting why.
 */
public class IouRetryInterceptor implements MethodInterceptor {

    private final MethodInterceptor others;

    private final Executor attempts;

    private final @Nullable AutowireCapableBeanFactory beanFactory;

    private final @Nullable StringValueResolver valueResolver;

    private final @Nullable ApplicationEventPublisher events;

    private final Map<MethodClassKey, Policy> policies = new ConcurrentHashMap<>();

    private final Set<Retry> running = ConcurrentHashMap.newKeySet();

    private volatile boolean stopped;

    /**
     * Creates the interceptor.
     *
     * @param others the interceptor for methods that do not return an IOU
     * @param attempts where calls after a back-off are made
     * @param beanFactory creates {@code predicate} classes, as Spring does, or null
     * @param valueResolver resolves placeholders in the {@code *String} attributes, or null
     * @param events where {@link MethodRetryEvent}s are published, or null
     * @throws NullPointerException if {@code others} or {@code attempts} is null
     */
    public IouRetryInterceptor(MethodInterceptor others, Executor attempts, @Nullable AutowireCapableBeanFactory beanFactory,
            @Nullable StringValueResolver valueResolver, @Nullable ApplicationEventPublisher events) {
        this.others = Objects.requireNonNull(others, "others");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.beanFactory = beanFactory;
        this.valueResolver = valueResolver;
        this.events = events;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        if (!Adoption.returnsIou(invocation.getMethod())) {
            return others.invoke(invocation);
        }
        Object target = invocation.getThis();
        Method method = invocation.getMethod();
        Class<?> targetClass = target != null ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
        Policy policy = policies.computeIfAbsent(new MethodClassKey(method, targetClass),
                key -> policy(method, targetClass));
        if (policy == Policy.NONE) {
            return invocation.proceed();
        }
        return new Retry(invocation, policy).start();
    }

    /**
     * Stops retrying: a retry waiting for its back-off rejects its IOU at once, and a call in flight
     * is not retried once it fails. The interceptor retries no more afterwards.
     */
    public void stop() {
        stopped = true;
        for (Retry retry : running) {
            retry.stop();
        }
    }

    // ---------------------------------------------------------------- the annotation, read as Spring reads it

    private Policy policy(Method invoked, Class<?> targetClass) {
        // the target class's method: behind an interface-based proxy the invoked one is the interface's
        Method method = ClassUtils.getMostSpecificMethod(invoked, targetClass);
        Retryable retryable = AnnotatedElementUtils.findMergedAnnotation(method, Retryable.class);
        if (retryable == null) {
            retryable = AnnotatedElementUtils.findMergedAnnotation(targetClass, Retryable.class);
            if (retryable == null) {
                return Policy.NONE;
            }
        }
        TimeUnit unit = retryable.timeUnit();
        MethodRetrySpec spec = new MethodRetrySpec(Arrays.asList(retryable.includes()),
                Arrays.asList(retryable.excludes()), predicate(retryable.predicate()),
                number(retryable.maxRetries(), retryable.maxRetriesString(), Long::parseLong),
                duration(retryable.timeout(), retryable.timeoutString(), unit),
                duration(retryable.delay(), retryable.delayString(), unit),
                duration(retryable.jitter(), retryable.jitterString(), unit),
                number(retryable.multiplier(), retryable.multiplierString(), Double::parseDouble),
                duration(retryable.maxDelay(), retryable.maxDelayString(), unit));
        RetryPolicy retryPolicy = RetryPolicy.builder()
                .includes(spec.includes())
                .excludes(spec.excludes())
                .predicate(failure -> spec.predicate().shouldRetry(method, failure))
                .maxRetries(spec.maxRetries())
                .delay(spec.delay())
                .jitter(spec.jitter())
                .multiplier(spec.multiplier())
                .maxDelay(spec.maxDelay())
                .build();
        return new Policy(retryPolicy, spec.timeout());
    }

    private MethodRetryPredicate predicate(Class<? extends MethodRetryPredicate> type) {
        if (type == MethodRetryPredicate.class) {
            return (method, failure) -> true;
        }
        try {
            return beanFactory != null ? beanFactory.createBean(type)
                    : ReflectionUtils.accessibleConstructor(type).newInstance();
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Failed to instantiate predicate class [" + type + "]", ex);
        }
    }

    private <N> N number(N value, String text, java.util.function.Function<String, N> parse) {
        String resolved = resolve(text);
        return resolved != null ? parse.apply(resolved) : value;
    }

    private Duration duration(long value, String text, TimeUnit unit) {
        String resolved = resolve(text);
        if (resolved != null) {
            return DurationFormatterUtils.detectAndParse(resolved,
                    DurationFormat.Unit.fromChronoUnit(unit.toChronoUnit()));
        }
        return Duration.of(value, unit.toChronoUnit());
    }

    private @Nullable String resolve(String text) {
        if (!StringUtils.hasText(text)) {
            return null;
        }
        String resolved = valueResolver != null ? valueResolver.resolveStringValue(text) : text;
        return StringUtils.hasText(resolved) ? resolved : null;
    }

    private void publish(MethodInvocation invocation, Throwable failure, boolean aborted) {
        if (events != null) {
            events.publishEvent(new MethodRetryEvent(invocation, failure, aborted));
        }
    }

    /** A method's retry policy, and how long the whole operation may take (zero: no bound). */
    record Policy(@Nullable RetryPolicy retryPolicy, Duration timeout) {

        static final Policy NONE = new Policy(null, Duration.ZERO);
    }

    // ---------------------------------------------------------------- one call and its retries

    /**
     * One intercepted call, from its first attempt until its IOU settles. What happens next is
     * decided under its lock ({@link #failed}, {@link #stop}, {@link #cancelled}), so a failure, a
     * stop and a cancellation never both schedule or give up; the caller's IOU is settled outside it,
     * as its handlers may run right there.
     */
    private final class Retry {

        private final MethodInvocation invocation;

        private final Policy policy;

        private final BackOffExecution backOff;

        private final List<Throwable> failures = new ArrayList<>(4);

        private IOU<Object> result = new IOU<>();

        /** The back-off timer while one runs, else null. */
        private IouTimer.@Nullable Timeout waiting;

        /** Set once it gave up or was cancelled: no call is made after. */
        private boolean over;

        Retry(MethodInvocation invocation, Policy policy) {
            this.invocation = invocation;
            this.policy = policy;
            this.backOff = Objects.requireNonNull(policy.retryPolicy()).getBackOff().start();
        }

        IOU<Object> start() {
            Object first = call();
            if (first instanceof IOU<?> iou) {
                result = Adoption.pendingLike(iou);
            }
            running.add(this);
            result.onCancel(this::cancelled);
            if (!policy.timeout().isZero() && !policy.timeout().isNegative()) {
                result.timeout(policy.timeout());
            }
            handle(first);
            return result;
        }

        /** Calls the method (the rest of the advice chain) once more; returns what it returned or threw. */
        private @Nullable Object call() {
            try {
                return (invocation instanceof ProxyMethodInvocation proxied ? proxied.invocableClone() : invocation)
                        .proceed();
            }
            catch (Throwable failure) {
                return failure;
            }
        }

        /** Makes the next call, on the attempts executor, once the back-off is over. */
        private void again() {
            synchronized (this) {
                waiting = null;
                if (over || !result.isPending()) {
                    return;
                }
            }
            handle(call());
        }

        private void handle(@Nullable Object returned) {
            if (returned instanceof Throwable failure) {
                failed(failure);
                return;
            }
            Adoption.listen(returned, invocation, result, (value, failure) -> {
                if (failure == null) {
                    running.remove(this);
                    result.fulfill(value);
                }
                else {
                    failed(failure);
                }
            }, () -> running.remove(this));
        }

        private void failed(Throwable failure) {
            publish(invocation, failure, false);
            List<Throwable> all;
            IllegalStateException note = null;
            synchronized (this) {
                failures.add(failure);
                if (over || !result.isPending()) {
                    return;
                }
                if (stopped) {
                    note = stoppedNote();
                }
                else {
                    RetryPolicy retryPolicy = Objects.requireNonNull(policy.retryPolicy());
                    long delay = retryPolicy.shouldRetry(failure) ? backOff.nextBackOff() : BackOffExecution.STOP;
                    if (delay != BackOffExecution.STOP) {
                        waiting = IouTimer.current().schedule(this::backOffOver, Duration.ofMillis(Math.max(1, delay)));
                        return;
                    }
                }
                over = true;
                all = List.copyOf(failures);
            }
            giveUp(all, note);
        }

        private void backOffOver() {
            try {
                attempts.execute(this::again);
            }
            catch (RuntimeException refused) {
                synchronized (this) {
                    waiting = null;
                }
                if (stopped) {
                    stop(true); // a pool that shuts down with the context: the failure to report is the method's
                }
                else {
                    failed(refused);
                }
            }
        }

        /** The context is closing: a retry waiting for its back-off gives up now. */
        void stop() {
            stop(false);
        }

        private void stop(boolean refused) {
            List<Throwable> all;
            synchronized (this) {
                if (over || !result.isPending() || waiting == null && !refused) {
                    return;
                }
                if (waiting != null) {
                    waiting.cancel();
                    waiting = null;
                }
                over = true;
                all = List.copyOf(failures);
            }
            giveUp(all, stoppedNote());
        }

        private IllegalStateException stoppedNote() {
            return new IllegalStateException("Retries of " + invocation.getMethod().toGenericString()
                    + " stopped: the application context is closing");
        }

        /** Rejects with the last failure, the earlier ones (and why it stopped, if it did) suppressed by it. */
        private void giveUp(List<Throwable> all, @Nullable Throwable note) {
            Throwable last = all.get(all.size() - 1);
            Set<Throwable> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.add(last);
            kept.addAll(Arrays.asList(last.getSuppressed()));
            for (Throwable earlier : all) {
                if (kept.add(earlier)) {
                    last.addSuppressed(earlier);
                }
            }
            if (note != null) {
                last.addSuppressed(note);
            }
            publish(invocation, last, true);
            running.remove(this);
            result.reject(last);
        }

        /** The caller's IOU was cancelled, or timed out: no more calls. */
        private synchronized void cancelled() {
            over = true;
            running.remove(this);
            if (waiting != null) {
                waiting.cancel();
                waiting = null;
            }
        }
    }
}
