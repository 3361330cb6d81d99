package io.iou.demo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * The account calls of the original Python IOU library's README, each an IOU: log in, fetch a user
 * (through the people service), delete it, log out. Login, delete and logout are simulated on the IOU pool, as a remote call's reply would be.
 */
@Service
public class AccountService {

    private static final String ADMIN_PASSWORD = "secret";

    private final IouScheduler scheduler;

    private final PeopleApi people;

    private final AtomicInteger sessions = new AtomicInteger();

    /**
     * Creates the service.
     *
     * @param scheduler the IOU pool
     * @param people the people service client
     */
    public AccountService(IouScheduler scheduler, PeopleApi people) {
        this.scheduler = scheduler;
        this.people = people;
    }

    /**
     * Logs in.
     *
     * @param user who
     * @param password their password
     * @param log where the step is written
     * @return an IOU of the session id, rejected with 401 for a wrong password
     */
    public IOU<String> login(String user, String password, Steps log) {
        return scheduler.supply(() -> {
            if (!ADMIN_PASSWORD.equals(password)) {
                throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "wrong password for " + user);
            }
            String session = "session-" + sessions.incrementAndGet();
            log.add("logged in " + user + " as " + session);
            return session;
        });
    }

    /**
     * Fetches a user.
     *
     * @param session the session
     * @param username who
     * @param log where the step is written
     * @return an IOU of the user
     */
    public IOU<Person> getUser(String session, String username, Steps log) {
        return people.find(username, 0).addFulfilledHandler(person -> {
            log.add("fetched user " + person.username() + " (" + person.firstName() + " " + person.lastName() + ")");
            return person;
        });
    }

    /**
     * Deletes a user (the demo only pretends to).
     *
     * @param session the session
     * @param person who
     * @param log where the step is written
     * @return an IOU of the deleted user's name
     */
    public IOU<String> deleteUser(String session, Person person, Steps log) {
        return scheduler.supply(() -> {
            log.add("deleted user " + person.username());
            return person.username();
        });
    }

    /**
     * Logs out.
     *
     * @param session the session
     * @param log where the step is written
     * @return an IOU fulfilled once logged out
     */
    public IOU<Void> logout(String session, Steps log) {
        return scheduler.supply(() -> {
            log.add("logged out " + session);
            return null;
        });
    }

    /** The steps of one chain, with the thread each ran on, in the order they ran. */
    public static final class Steps {

        private final List<String> steps = new CopyOnWriteArrayList<>();

        void add(String step) {
            steps.add(step + " [" + Thread.currentThread().getName() + "]");
        }

        /**
         * Returns the steps so far.
         *
         * @return the steps, in order
         */
        public List<String> list() {
            return List.copyOf(steps);
        }
    }
}
