package io.iou.demo;

/**
 * A person as the people service knows them.
 *
 * @param username the login name
 * @param firstName the first name
 * @param lastName the last name
 */
public record Person(String username, String firstName, String lastName) {
}
