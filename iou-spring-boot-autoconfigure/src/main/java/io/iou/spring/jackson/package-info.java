/**
 * Jackson support: a module that refuses to read an IOU from JSON, where it would otherwise become a
 * fresh IOU that never settles.
 */
@NullMarked
package io.iou.spring.jackson;

import org.jspecify.annotations.NullMarked;
