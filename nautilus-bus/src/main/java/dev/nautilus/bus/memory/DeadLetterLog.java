package dev.nautilus.bus.memory;

import dev.nautilus.bus.DeadLetter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The most recent dead letters, bounded, newest first. */
final class DeadLetterLog {

    private final int capacity;
    private final ArrayDeque<DeadLetter> letters = new ArrayDeque<>();

    DeadLetterLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(DeadLetter letter) {
        if (capacity == 0) {
            return;
        }
        if (letters.size() == capacity) {
            letters.removeLast();
        }
        letters.addFirst(letter);
    }

    synchronized List<DeadLetter> newest(int limit) {
        List<DeadLetter> result = new ArrayList<>(Math.min(limit, letters.size()));
        Iterator<DeadLetter> it = letters.iterator();
        while (it.hasNext() && result.size() < limit) {
            result.add(it.next());
        }
        return result;
    }
}
