package io.iou.spring.scheduler;

import java.util.concurrent.RejectedExecutionException;

/**
 * What an {@link IouTaskExecutor} does with a handler when every thread is busy and its queue is full.
 * Neither policy drops a handler: it runs, or its IOU is rejected.
 */
public enum RejectionPolicy {

    /**
     * Refuse the handler with a {@link RejectedExecutionException} that names the pool and its limits;
     * the handler's IOU is rejected with it, so the failure travels down the chain like any other.
     */
    REJECT,

    /**
     * Run the handler on the thread that handed it to the pool, which slows the producer down to the
     * pool's pace.
     */
    CALLER_RUNS
}
