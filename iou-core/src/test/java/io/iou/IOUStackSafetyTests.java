package io.iou;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A million-link chain settles in a loop, never by recursion. */
class IOUStackSafetyTests {

    private static final int LINKS = 1_000_000;

    @Test
    void millionLinkChainBuiltBeforeSettling() {
        IOU<Integer> head = new IOU<>();
        IOU<Integer> tail = head;
        for (int i = 0; i < LINKS; i++) {
            tail = tail.addFulfilledHandler(v -> v + 1);
        }
        head.fulfill(0);
        assertThat(tail.getValue()).isEqualTo(LINKS);
    }

    @Test
    void millionLinkChainBuiltAfterSettling() {
        IOU<Integer> tail = IOU.fulfilled(0);
        for (int i = 0; i < LINKS; i++) {
            tail = tail.addFulfilledHandler(v -> v + 1);
        }
        assertThat(tail.getValue()).isEqualTo(LINKS);
    }

    @Test
    void millionLinkRejectionPassesThrough() {
        IOU<Integer> head = new IOU<>();
        IOU<Integer> tail = head;
        for (int i = 0; i < LINKS; i++) {
            tail = tail.addFulfilledHandler(v -> v + 1);
        }
        IOU<Integer> recovered = tail.addRejectedHandler(e -> -1);
        head.reject(new RuntimeException("deep"));
        assertThat(recovered.getValue()).isEqualTo(-1);
    }

    @Test
    void millionFlattenedLinks() {
        IOU<Integer> head = new IOU<>();
        IOU<Integer> tail = head;
        for (int i = 0; i < LINKS; i++) {
            tail = tail.then(v -> IOU.fulfilled(v + 1));
        }
        head.fulfill(0);
        assertThat(tail.getValue()).isEqualTo(LINKS);
    }

    @Test
    void millionChainedIous() {
        IOU<Integer> head = new IOU<>();
        IOU<Integer> tail = head;
        for (int i = 0; i < LINKS; i++) {
            IOU<Integer> next = new IOU<>();
            tail.addFulfilledHandler(next);
            tail = next;
        }
        head.fulfill(7);
        assertThat(tail.getValue()).isEqualTo(7);
    }

    @Test
    void cancellingTheEndOfAMillionLinkChainCancelsItsHead() {
        IOU<Integer> head = new IOU<>();
        IOU<Integer> tail = head;
        for (int i = 0; i < LINKS; i++) {
            tail = tail.addFulfilledHandler(v -> v + 1);
        }
        assertThat(tail.cancel()).isTrue();
        assertThat(head.isCancelled()).isTrue();
        assertThat(tail.isCancelled()).isTrue();
        assertThat(head.fulfill(1)).isFalse();
    }
}
