package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.activity.ActivityFailed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void splitsLikePythonsShlex() throws ActivityFailed {
        assertEquals(List.of("sh", "-c", "kill -9 1"), ShellWords.split("sh -c 'kill -9 1'"));
        assertEquals(List.of("echo", "a \"b\" $c"), ShellWords.split("echo \"a \\\"b\\\" \\$c\""));
        assertEquals(List.of("a b", "c"), ShellWords.split("  a\\ b\tc  "));
        assertEquals(List.of("ab", ""), ShellWords.split("a'b' ''"));
        assertEquals(List.of("x\\y"), ShellWords.split("'x\\y'"));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertEquals("cannot split the command 'echo 'oops': No closing quotation",
                assertThrows(ActivityFailed.class, () -> ShellWords.split("echo 'oops")).getMessage());
    }
}
