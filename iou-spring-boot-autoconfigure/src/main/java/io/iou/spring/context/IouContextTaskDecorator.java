package io.iou.spring.context;

import io.iou.IOU;
import io.iou.IouContext;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the context of the thread that hands a task to the IOU pool into the task, for tasks that
 * are not IOU handlers (a plain {@code Runnable} given to {@code scheduler.executor()}).
 *
 * <p>IOU handlers are left alone: they reach the pool as the IOU they settle, already carrying the
 * context of the thread that added them, and the thread that hands them over is the one that settled
 * their source, whose context must never reach them.
 */
public final class IouContextTaskDecorator implements TaskDecorator {

    /** Creates the decorator; it holds nothing, so one serves any number of pools. */
    public IouContextTaskDecorator() {
    }

    /**
     * Returns {@code task} bound to this thread's context, or {@code task} itself for an IOU handler.
     *
     * @param task the task handed to the pool
     * @return the task to run
     */
    @Override
    public Runnable decorate(Runnable task) {
        return (task instanceof IOU<?>) ? task : IouContext.wrap(task);
    }
}
