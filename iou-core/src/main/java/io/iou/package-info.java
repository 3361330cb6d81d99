/**
 * IOUs: promises for Java. {@link io.iou.IOU} holds a value that will be provided later and runs the
 * handlers added to it once it is settled; {@link io.iou.IouHooks} lets tools observe every IOU.
 *
 * <p>Everything here is non-null unless marked {@link org.jspecify.annotations.Nullable}; an IOU's
 * value may be null ({@code IOU<T extends @Nullable Object>}).
 */
@NullMarked
package io.iou;

import org.jspecify.annotations.NullMarked;
