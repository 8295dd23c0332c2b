package io.sharedmemory.core.internal.codec.model;

import java.util.List;
import java.util.Map;

/** A record holding collections of records, to show nesting through JSON. */
public record Route(String name, List<Point> stops, Map<String, Integer> tags) {
}
