package io.iou;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** A registration made at most once on start and withdrawn on close, whatever the order of the calls. */
class IouRegistrarTests {

    /** Registrations made and not yet withdrawn. */
    private final AtomicInteger open = new AtomicInteger();

    /** Registrations made in all. */
    private final AtomicInteger made = new AtomicInteger();

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private IouRegistrar registrar() {
        return new IouRegistrar(() -> {
            made.incrementAndGet();
            open.incrementAndGet();
            return open::decrementAndGet;
        });
    }

    @Test
    void nothingIsRegisteredBeforeStart() {
        registrar();
        assertThat(made).hasValue(0);
    }

    @Test
    void startRegistersOnceAndCloseWithdrawsOnce() {
        IouRegistrar registrar = registrar();
        registrar.start();
        registrar.start();
        assertThat(made).hasValue(1);
        assertThat(open).hasValue(1);
        registrar.close();
        registrar.close();
        assertThat(open).hasValue(0);
    }

    @Test
    void aStartAfterTheCloseRegistersNothing() {
        IouRegistrar registrar = registrar();
        registrar.close();
        registrar.start();
        assertThat(made).hasValue(0);
    }

    @Test
    void aRealHookSeesEventsOnlyWhileStarted() {
        AtomicInteger created = new AtomicInteger();
        Thread test = Thread.currentThread();
        IouRegistrar registrar = new IouRegistrar(() -> IouHooks.register(new IouHook() {
            @Override
            public void created(IOU<?> iou) {
                if (Thread.currentThread() == test) {
                    created.incrementAndGet();
                }
            }
        }));
        new IOU<String>();
        registrar.start();
        new IOU<String>();
        registrar.close();
        new IOU<String>();
        assertThat(created).hasValue(1);
    }

    /** Start and close racing on real threads: at most one registration, and none left open. */
    @Test
    void racingStartAndCloseLeaveNothingRegistered() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            int madeBefore = made.get();
            IouRegistrar registrar = registrar();
            CyclicBarrier together = new CyclicBarrier(2);
            Future<?> starting = pool.submit(() -> {
                together.await();
                registrar.start();
                return null;
            });
            Future<?> closing = pool.submit(() -> {
                together.await();
                registrar.close();
                return null;
            });
            starting.get(10, TimeUnit.SECONDS);
            closing.get(10, TimeUnit.SECONDS);
            assertThat(open).as("iteration " + i).hasValue(0);
            assertThat(made.get() - madeBefore).as("iteration " + i).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aNullRegisterIsRefusedAtOnce() {
        assertThatNullPointerException().isThrownBy(() -> new IouRegistrar(null)).withMessage("register");
    }
}
