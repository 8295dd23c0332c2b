package io.sharedmemory.core.it;

/**
 * A record that crosses process boundaries in tests.
 * @param x x
 * @param y y
 */
public record Point(int x, int y) {
}
