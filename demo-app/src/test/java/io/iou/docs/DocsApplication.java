package io.iou.docs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application around the examples of docs/, so that they run as an application would run them. */
@SpringBootApplication
public class DocsApplication {

}
