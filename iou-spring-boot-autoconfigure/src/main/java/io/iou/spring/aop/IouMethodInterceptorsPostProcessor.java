package io.iou.spring.aop;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.resilience.annotation.ConcurrencyLimitBeanPostProcessor;
import org.springframework.resilience.retry.AbstractRetryInterceptor;
import org.springframework.scheduling.annotation.AsyncAnnotationAdvisor;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringValueResolver;
import org.springframework.util.function.SingletonSupplier;

import io.iou.IOU;

/**
 * Lets methods that return an IOU be {@code @Async}, {@code @Retryable} and {@code @ConcurrencyLimit}
 * with nothing but Spring's {@code @EnableAsync} / {@code @EnableResilientMethods}. Spring's
 * interceptors for those annotations do not know IOU (an {@code @Async} method must return a
 * {@code Future} or nothing; a retry would subscribe again to an IOU that has settled; a permit would
 * be returned when the method returns, long before its work is done), and none of them offers a
 * place to add a return type. So, after Spring's post-processors have advised a bean whose class
 * has IOU-returning methods, this one puts an IOU-aware interceptor in the place of each of those
 * three on its proxy: {@link IouAsyncExecutionInterceptor}, {@link IouRetryInterceptor},
 * {@link IouConcurrencyLimitInterceptor}. Each keeps Spring's pointcut and hands every method that
 * does not return an IOU to Spring's interceptor, so nothing else changes; other beans are not
 * touched.
 *
 * <p>It must run after Spring's advising post-processors, which are {@code Ordered}: so it is not.
 * When the application context closes it stops the retries waiting for a back-off
 * ({@link IouRetryInterceptor#stop()}), as Spring's executors stop taking tasks then.
 */
public class IouMethodInterceptorsPostProcessor implements BeanPostProcessor, BeanFactoryAware,
        EmbeddedValueResolverAware, ApplicationEventPublisherAware, ApplicationListener<ContextClosedEvent> {

    private final Supplier<? extends Executor> retryExecutor;

    private final Map<Advisor, Advisor> replacements = new ConcurrentHashMap<>();

    private final Map<Class<?>, Boolean> hasIouMethods = new ConcurrentHashMap<>();

    private final List<IouRetryInterceptor> retries = new CopyOnWriteArrayList<>();

    private @Nullable BeanFactory beanFactory;

    private @Nullable StringValueResolver valueResolver;

    private @Nullable ApplicationEventPublisher events;

    /**
     * Creates the post-processor.
     *
     * @param retryExecutor supplies, when the first retry interceptor is made, the executor calls
     * after a back-off are made on (the IOU pool); it may supply null, to make them on the timer's thread
     * @throws NullPointerException if {@code retryExecutor} is null
     */
    public IouMethodInterceptorsPostProcessor(Supplier<? extends @Nullable Executor> retryExecutor) {
        Objects.requireNonNull(retryExecutor, "retryExecutor");
        this.retryExecutor = SingletonSupplier.of(() -> {
            Executor executor = retryExecutor.get();
            return executor != null ? executor : Runnable::run;
        });
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.valueResolver = resolver;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
        this.events = applicationEventPublisher;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Advised advised && !advised.isFrozen() && hasIouMethods(AopUtils.getTargetClass(bean))) {
            for (Advisor advisor : advised.getAdvisors()) {
                Advisor replacement = replacements.computeIfAbsent(advisor, this::iouAware);
                if (replacement != advisor) {
                    advised.replaceAdvisor(advisor, replacement);
                }
            }
        }
        return bean;
    }

    /** Stops the retries: see {@link IouRetryInterceptor#stop()}. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        retries.forEach(IouRetryInterceptor::stop);
    }

    private boolean hasIouMethods(Class<?> type) {
        return hasIouMethods.computeIfAbsent(type, key -> {
            for (var method : ReflectionUtils.getUniqueDeclaredMethods(key)) {
                if (IOU.class.isAssignableFrom(method.getReturnType())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The advisor that takes {@code advisor}'s place, or {@code advisor} itself if it is none of Spring's three. */
    private Advisor iouAware(Advisor advisor) {
        if (!(advisor instanceof PointcutAdvisor pointcutAdvisor)
                || !(advisor.getAdvice() instanceof MethodInterceptor spring)) {
            return advisor;
        }
        Advice iouAware;
        if (advisor instanceof AsyncAnnotationAdvisor) {
            iouAware = async(spring);
        }
        else if (spring instanceof AbstractRetryInterceptor) {
            IouRetryInterceptor retry = new IouRetryInterceptor(spring, retryExecutor.get(),
                    beanFactory instanceof AutowireCapableBeanFactory factory ? factory : null, valueResolver, events);
            retries.add(retry);
            iouAware = retry;
        }
        else if (spring.getClass().getEnclosingClass() == ConcurrencyLimitBeanPostProcessor.class) {
            iouAware = new IouConcurrencyLimitInterceptor(spring, valueResolver);
        }
        else {
            return advisor;
        }
        DefaultPointcutAdvisor replacement = new DefaultPointcutAdvisor(pointcutAdvisor.getPointcut(), iouAware);
        if (advisor instanceof org.springframework.core.Ordered ordered) {
            replacement.setOrder(ordered.getOrder());
        }
        return replacement;
    }

    /**
     * The {@code @Async} interceptor for IOUs, choosing executors as Spring's does: the one
     * {@code @Async} names, else the {@link AsyncConfigurer}'s, else Spring's default lookup.
     */
    private IouAsyncExecutionInterceptor async(MethodInterceptor spring) {
        IouAsyncExecutionInterceptor interceptor = new IouAsyncExecutionInterceptor(spring);
        Supplier<@Nullable AsyncConfigurer> configurer = SingletonSupplier.of(this::asyncConfigurer);
        interceptor.configure(() -> {
            AsyncConfigurer c = configurer.get();
            return c != null ? c.getAsyncExecutor() : null;
        }, () -> {
            AsyncConfigurer c = configurer.get();
            return c != null ? c.getAsyncUncaughtExceptionHandler() : null;
        });
        if (beanFactory != null) {
            interceptor.setBeanFactory(beanFactory);
        }
        return interceptor;
    }

    /** The application's one {@link AsyncConfigurer}, if any, found as {@code @EnableAsync} finds it. */
    private @Nullable AsyncConfigurer asyncConfigurer() {
        if (beanFactory == null) {
            return null;
        }
        List<AsyncConfigurer> configurers = beanFactory.getBeanProvider(AsyncConfigurer.class).stream().toList();
        if (configurers.size() > 1) {
            throw new IllegalStateException("Only one AsyncConfigurer may exist");
        }
        return configurers.isEmpty() ? null : configurers.get(0);
    }
}
