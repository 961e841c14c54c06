package org.deeplinear.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/**
 * The check that the library rejects a bad argument in its one message format, the one
 * {@code org.deeplinear.core.Arguments} builds: {@code "name = value: expected ..."}, e.g.
 * {@code "eps = -1.0: expected a finite value > 0"}. Every module's tests check rejections here, with one rule:
 * the {@link IllegalArgumentException}'s message
 * <ul>
 *   <li>starts with the name of a parameter followed by {@code " = "} (the parameter itself), {@code "["} (one of
 *       its entries, {@code "sigmas[1] = -1.0"}), {@code "."} (one of its properties,
 *       {@code "state.length = 5"}) or {@code " ("} (a qualified name, {@code "sample 2 (t = 1.0): map = null"});
 *   <li>and contains {@code ": expected "}, followed by what was expected.
 * </ul>
 * So a user reading the message learns which argument was wrong, its value and what would have been accepted, and a
 * message written by hand that drifts from the format fails the tests of the module that throws it.
 *
 * <p>Shared with the other modules' tests through dl-core's test-jar.
 */
public final class Rejections {

    /** What may follow a parameter's name at the start of a message. */
    private static final List<String> AFTER_NAME = List.of(" = ", "[", ".", " (");

    /** What every message says before the expected value. */
    private static final String EXPECTED = ": expected ";

    private Rejections() {
    }

    /**
     * Calls a factory (or any call returning a value) that may be given bad arguments, and checks the outcome: a
     * (non-null) value, or an {@link IllegalArgumentException} in the library's format naming one of the
     * parameters; any other exception fails the test.
     *
     * @param names     the parameters the message may name
     * @param call      the call
     * @param arguments the arguments, quoted when the check fails
     * @return true if the call was rejected, false if it returned a value
     */
    public static boolean rejectedNaming(List<String> names, Supplier<?> call, Object... arguments) {
        try {
            Object value = call.get();
            assertTrue(value != null, () -> "a value or an exception" + quoted(arguments));
            return false;
        } catch (IllegalArgumentException e) {
            assertFormat(e, names, arguments);
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            return fail(e + " escaped" + quoted(arguments), e);
        }
    }

    /**
     * Asserts that a call is rejected with an {@link IllegalArgumentException} in the library's format naming
     * the given parameter, whose message also contains every fragment.
     *
     * @param parameter the parameter the message must name
     * @param call      the call
     * @param fragments texts the message must contain as well (e.g. the value, what was expected)
     * @return the exception
     */
    public static IllegalArgumentException assertRejected(String parameter, Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertFormat(e, List.of(parameter));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' in: " + e.getMessage());
        }
        return e;
    }

    /**
     * Asserts that a call is rejected as {@link #assertRejected(String, Executable, String...)} does, the
     * message starting with exactly {@code "parameter = value: expected "}.
     *
     * @param parameter the parameter the message must name
     * @param value     the value the message must quote ({@link String#valueOf(Object)})
     * @param call      the call
     * @return the exception
     */
    public static IllegalArgumentException assertRejected(String parameter, Object value, Executable call) {
        IllegalArgumentException e = assertRejected(parameter, call);
        String head = parameter + " = " + value + EXPECTED;
        assertTrue(e.getMessage().startsWith(head), () -> "message should start with '" + head + "': "
                + e.getMessage());
        return e;
    }

    /**
     * Asserts that a call refuses an index or offset out of range: an {@link IndexOutOfBoundsException} whose message
     * is exactly the one given, the whole of it ({@code Arguments.index}'s {@code "name = index: expected
     * first..last"}, {@code Arguments.offset}'s with the entries that must fit, another's own form).
     *
     * @param message the whole message, e.g. {@code "mode = 5: expected 0..4"}
     * @param call    the call
     * @return the exception
     */
    public static IndexOutOfBoundsException assertOutOfRange(String message, Executable call) {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, call);
        assertEquals(message, e.getMessage());
        return e;
    }

    /**
     * Asserts the rule: the message starts with one of the names followed by {@code " = "}, {@code "["},
     * {@code "."} or {@code " ("}, and contains {@code ": expected "}.
     *
     * @param e         the rejection
     * @param names     the parameters the message may name
     * @param arguments the arguments, quoted when the check fails
     */
    private static void assertFormat(IllegalArgumentException e, List<String> names, Object... arguments) {
        String message = e.getMessage();
        boolean named = message != null && names.stream()
                .anyMatch(name -> AFTER_NAME.stream().anyMatch(after -> message.startsWith(name + after)));
        assertTrue(named, () -> "message names none of " + names + ": " + message + quoted(arguments));
        assertTrue(message.contains(EXPECTED), () -> "message should say what was expected (\"" + EXPECTED
                + "\"): " + message + quoted(arguments));
    }

    private static String quoted(Object... arguments) {
        return arguments.length == 0 ? "" : " for " + Arrays.deepToString(arguments);
    }
}
