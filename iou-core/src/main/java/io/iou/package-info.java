package io.iou;
