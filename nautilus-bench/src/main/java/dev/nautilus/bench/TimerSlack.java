package dev.nautilus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux lets a sleeping thread wake up to its "timer slack" late (50 µs by default) so that
 * wake-ups can be batched. A load generator that parks until each message's send time pays that
 * on every message, and since latency is measured from the intended send time, it shows up as
 * latency of the system under test. The generator thread therefore asks for a slack of 1 ns.
 * Only timed sleeps are affected: threads woken by an event (a socket, an unpark) never wait for it.
 */
public final class TimerSlack {

    private TimerSlack() {}

    /**
     * Runs {@code action} with the calling thread's timer slack at 1 ns (through
     * {@code /proc/<tid>/timerslack_ns}), then puts the slack back: threads started meanwhile
     * inherit the setting, and the system under test must keep the machine's default. Where the
     * slack cannot be changed (not Linux, no /proc), the action runs as it is.
     */
    public static <E extends Exception> void minimisedWhile(ThrowingRunnable<E> action) throws E {
        Path slack = slackFile();
        String previous = read(slack);
        boolean changed = previous != null && write(slack, "1");
        try {
            action.run();
        } finally {
            if (changed) {
                write(slack, previous);
            }
        }
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }

    private static Path slackFile() {
        try {
            // /proc/thread-self links to "<pid>/task/<tid>"; /proc/<tid> is that same thread.
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self"))
                    .getFileName()
                    .toString();
            return Path.of("/proc", tid, "timerslack_ns");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static String read(Path slack) {
        try {
            return slack == null ? null : Files.readString(slack).strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static boolean write(Path slack, String value) {
        try {
            Files.writeString(slack, value);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
