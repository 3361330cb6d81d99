package io.iou.docs;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The controller of docs/spring-boot.md, as written there. */
@RestController
class PersonController {

    private final IouScheduler scheduler;

    private final PersonRepository repository;

    PersonController(IouScheduler scheduler, PersonRepository repository) {
        this.scheduler = scheduler;
        this.repository = repository;
    }

    @GetMapping("/person/{id}")
    IOU<Person> person(@PathVariable int id) {
        return scheduler.supply(() -> repository.find(id))        // runs on the IOU pool
                .addFulfilledHandler(person -> {
                    if (person == null) {
                        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no person " + id); // 404
                    }
                    return person;
                });
    }

    @DeleteMapping("/person/{id}")                                // IOU<Void>: 200, no body
    IOU<Void> delete(@PathVariable int id) {
        return scheduler.supply(() -> {
            repository.delete(id);
            return null;
        });
    }
}
