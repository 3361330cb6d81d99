package io.iou.demo;

import io.iou.IOU;
import io.iou.spring.boot.autoconfigure.IouSchedulerAutoConfiguration;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Makes people's cards: an {@code @Async} method that returns an IOU, run on the IOU pool. The
 * caller gets the IOU at once; it settles when the people service has answered.
 */
@Service
public class CardService {

    private final PeopleApi people;

    /**
     * Creates the service.
     *
     * @param people the people service
     */
    public CardService(PeopleApi people) {
        this.people = people;
    }

    /**
     * Makes a person's card.
     *
     * @param username who
     * @return an IOU of the card, rejected with a {@code WebClientResponseException.NotFound} for an
     *         unknown person
     */
    @Async(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME)
    public IOU<Card> card(String username) {
        String madeOn = Thread.currentThread().getName();
        return people.find(username, 0).addFulfilledHandler(
                person -> new Card(person.firstName() + " " + person.lastName(), "@" + person.username(), madeOn));
    }

    /**
     * A person's card.
     *
     * @param name the full name
     * @param handle the user name, as a handle
     * @param madeOn the thread the {@code @Async} method ran on
     */
    public record Card(String name, String handle, String madeOn) {
    }
}
