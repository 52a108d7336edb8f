package dev.nautilus.app.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The most recent entries of something, bounded: the oldest falls off when a new one arrives at capacity. */
final class BoundedLog<T> {

    private final int capacity;
    private final ArrayDeque<T> entries;

    BoundedLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    synchronized void add(T entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Up to {@code limit} most recent entries, newest first. */
    synchronized List<T> newest(int limit) {
        List<T> result = new ArrayList<>(Math.min(limit, entries.size()));
        Iterator<T> it = entries.descendingIterator();
        while (it.hasNext() && result.size() < limit) {
            result.add(it.next());
        }
        return result;
    }

    /** Up to {@code limit} most recent entries, oldest first (the order a chart draws them in). */
    synchronized List<T> latestInOrder(int limit) {
        List<T> newest = newest(limit);
        return newest.reversed();
    }

    synchronized int size() {
        return entries.size();
    }
}
