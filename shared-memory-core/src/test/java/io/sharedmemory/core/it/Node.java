package io.sharedmemory.core.it;

/** A trusted plain object that can be made to point at itself. */
public class Node {

    /** The next node; the node itself makes a cycle. */
    public Node next;
}
