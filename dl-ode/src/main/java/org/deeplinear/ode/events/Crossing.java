package org.deeplinear.ode.events;

/** Which sign changes of an event's function {@code g} count as occurrences. */
public enum Crossing {
    /** {@code g} goes from negative to positive (e.g. a mode rising through a level). */
    UP,
    /** {@code g} goes from positive to negative (e.g. the loss falling through a level). */
    DOWN,
    /** Either direction. */
    EITHER;

    /**
     * Whether a crossing in the given direction counts.
     *
     * @param increasing true if {@code g} increased through 0
     * @return true if this filter accepts it
     */
    public boolean accepts(boolean increasing) {
        return this == EITHER || (this == UP) == increasing;
    }
}
