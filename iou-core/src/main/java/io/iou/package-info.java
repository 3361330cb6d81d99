/**
 * IOUs: promises for Java. {@link io.iou.IOU} holds a value that will be provided later and runs the
 * handlers added to it once it is settled; {@link io.iou.IouHooks} lets tools observe every IOU.
 */
package io.iou;
