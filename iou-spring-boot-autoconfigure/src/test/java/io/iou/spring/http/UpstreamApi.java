package io.iou.spring.http;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

import io.iou.IOU;

/** An HTTP interface client of {@link LoopbackHttpServer}, every method returning an IOU. */
public interface UpstreamApi {

    /** A person, as JSON. */
    record Person(String name, int age) {
    }

    @GetExchange("/person")
    IOU<Person> person();

    @GetExchange("/person")
    IOU<ResponseEntity<Person>> personEntity();

    @GetExchange("/status/{code}")
    IOU<Void> status(@PathVariable int code);

    @GetExchange("/status/{code}")
    IOU<String> statusText(@PathVariable int code);

    @GetExchange("/held")
    IOU<String> held();

    @GetExchange("/hang")
    IOU<String> hang();
}
