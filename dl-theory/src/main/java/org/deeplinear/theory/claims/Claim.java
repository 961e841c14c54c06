package org.deeplinear.theory.claims;

/**
 * A checkable statement about a subject (a trajectory, a model, a law, a family of runs): {@link #check} returns a
 * {@link Verdict} that says whether the statement holds, the worst residual found, where (the {@link Witness}) and
 * the tolerance used. Claims are immutable values; checking has no side effects.
 *
 * <p>Every built-in claim ({@link Claims}) can fail: each has a test that feeds it a subject where it is false.
 *
 * @param <S> the type of the subject
 */
@FunctionalInterface
public interface Claim<S> {

    /**
     * Checks the claim on a subject.
     *
     * @param subject the subject
     * @return the verdict
     * @throws IllegalArgumentException if the subject is null, lacks what the claim reads (e.g. a series that
     *                                  was not recorded; the message says what to record), has nothing for the
     *                                  claim to compare (no mode it applies to, too few samples), or was a run
     *                                  toward another target
     */
    Verdict check(S subject);
}
