package io.iou.docs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

/** A blocking store of people, as a JDBC repository would be: the reason to call it on the IOU pool. */
@Repository
class PersonRepository {

    private final Map<Integer, Person> people = new ConcurrentHashMap<>(Map.of(7, new Person(7, "Ada")));

    @Nullable Person find(int id) {
        return people.get(id);
    }

    void delete(int id) {
        people.remove(id);
    }
}
