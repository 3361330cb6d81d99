package io.iou;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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

    @Test
    void aMillionDependentFanOutCancelledOneByOneInTheOrderItWasBuilt() {
        cancelAMillionDependentsOneByOne(false);
    }

    @Test
    void aMillionDependentFanOutCancelledOneByOneInReverse() {
        cancelAMillionDependentsOneByOne(true);
    }

    @Test
    void cancellingTheEndOfAMillionChainedIousCancelsTheFirst() {
        IOU<Integer> head = new IOU<>();
        IOU<Integer> tail = head;
        for (int i = 0; i < LINKS; i++) {
            IOU<Integer> next = new IOU<>();
            tail.addFulfilledHandler(next);
            tail = next;
        }
        assertThat(tail.cancel()).isTrue();
        assertThat(head.isCancelled()).isTrue();
    }

    @Test
    void cancellingAJoinOfAMillionJoinsWithdrawsFromEveryInput() {
        List<IOU<Integer>> inputs = new ArrayList<>();
        IOU<Integer> nested = new IOU<>();
        inputs.add(nested);
        for (int i = 0; i < LINKS / 10; i++) {
            nested = IOU.race(List.of(nested));
        }
        nested.cancel();
        assertThat(inputs.get(0).isCancelled()).isTrue();
    }

    /** The source keeps running until the last of its million dependents is cancelled. */
    private static void cancelAMillionDependentsOneByOne(boolean reverse) {
        IOU<Integer> source = new IOU<>();
        List<IOU<Integer>> dependents = new ArrayList<>(LINKS);
        for (int i = 0; i < LINKS; i++) {
            dependents.add(source.addFulfilledHandler(v -> v));
        }
        if (reverse) {
            Collections.reverse(dependents);
        }
        for (int i = 0; i < LINKS - 1; i++) {
            assertThat(dependents.get(i).cancel()).isTrue();
        }
        assertThat(source.isPending()).isTrue();
        dependents.get(LINKS - 1).cancel();
        assertThat(source.isCancelled()).isTrue();
    }
}
