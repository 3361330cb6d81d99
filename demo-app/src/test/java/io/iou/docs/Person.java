package io.iou.docs;

/** A person, as the documentation's examples pass them around. */
record Person(int id, String name) {
}
