package dev.nautilus.bus;

/**
 * A dead letter that was replayed before: a replay delivers it to its group once, so a second one
 * is refused rather than delivered again. Of two replays at the same time, exactly one succeeds.
 */
public final class DeadLetterReplayedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeadLetterReplayedException(DeadLetter letter) {
        super("dead letter " + letter.originalId() + " of group '" + letter.group() + "' on the "
                + letter.bus().displayName() + " bus was already replayed; a replay is delivered once");
    }
}
