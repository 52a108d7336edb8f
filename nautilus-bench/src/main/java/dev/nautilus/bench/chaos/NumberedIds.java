package dev.nautilus.bench.chaos;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ids {@code <prefix>-0} … {@code <prefix>-(count-1)} as a set that holds no element: what a
 * long run sends, remembered in constant memory, so a soak's own heap measures the pipeline and not
 * the record of what it sent.
 */
final class NumberedIds extends AbstractSet<String> {

    private final String prefix;
    private final long count;

    NumberedIds(String prefix, long count) {
        this.prefix = prefix + "-";
        this.count = count;
    }

    /** The id of number {@code i}. */
    static String id(String prefix, long i) {
        return prefix + "-" + i;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof String id) || !id.startsWith(prefix)) {
            return false;
        }
        try {
            long i = Long.parseLong(id.substring(prefix.length()));
            return i >= 0 && i < count && id.equals(prefix + i);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public String next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return prefix + next++;
            }
        };
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }
}
