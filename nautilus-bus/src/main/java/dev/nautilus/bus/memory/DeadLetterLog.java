package dev.nautilus.bus.memory;

import dev.nautilus.bus.DeadLetter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The most recent dead letters, bounded, newest first, and which of them were replayed. */
final class DeadLetterLog {

    private final int capacity;
    private final ArrayDeque<DeadLetter> letters = new ArrayDeque<>();
    /** {@link DeadLetter#replayKey()}s of the replayed letters. */
    private final Set<String> replayed = new HashSet<>();

    DeadLetterLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(DeadLetter letter) {
        if (capacity == 0) {
            return;
        }
        if (letters.size() == capacity) {
            replayed.remove(letters.removeLast().replayKey());
        }
        letters.addFirst(letter);
    }

    synchronized List<DeadLetter> newest(int limit) {
        List<DeadLetter> result = new ArrayList<>(Math.min(limit, letters.size()));
        Iterator<DeadLetter> it = letters.iterator();
        while (it.hasNext() && result.size() < limit) {
            DeadLetter letter = it.next();
            result.add(replayed.contains(letter.replayKey()) ? letter.withReplayed(true) : letter);
        }
        return result;
    }

    /** Marks a letter replayed; false when it was already. */
    synchronized boolean markReplayed(DeadLetter letter) {
        return replayed.add(letter.replayKey());
    }

    /** Takes the mark back: the replay did not go out. */
    synchronized void unmarkReplayed(DeadLetter letter) {
        replayed.remove(letter.replayKey());
    }
}
