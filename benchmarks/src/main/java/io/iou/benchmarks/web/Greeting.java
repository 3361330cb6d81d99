package io.iou.benchmarks.web;

/**
 * The small JSON body every endpoint answers with.
 *
 * @param id an id
 * @param text a text
 */
record Greeting(long id, String text) {

    /** The value every variant computes on the pool. */
    static Greeting compute() {
        return new Greeting(42, "hello");
    }
}
