package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.config.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final WorkflowCommands commands = new WorkflowCommands(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void messagesAndPropertiesAreEscapedAsTheRunnerUnescapesThem() {
        commands.error("a: b, c", "dir/x,y.json", "100% done\r\nnext line");
        commands.warning(null, "plain");
        assertEquals(List.of("::error file=dir/x%2Cy.json,title=a%3A b%2C c::100%25 done%0D%0Anext line",
                "::warning::plain"), lines());
    }

    @Test
    void secretsAreMaskedOnceLineByLineThenRedactedFromEverythingPrinted() {
        Redactor first = Redactor.of(Map.of("api", Map.of("token", "tok-123456")), List.of());
        Redactor later = Redactor.of(Map.of("api", Map.of("token", "tok-123456"),
                "db", Map.of("pem", "-----BEGIN-----\nAAAA%BBBB\n\n-----END-----")), List.of());
        commands.mask(first);
        commands.mask(later);
        commands.group("using tok-123456");
        commands.error("tok-123456", "failed with AAAA%BBBB");
        commands.line("tok-123456 again");
        commands.endGroup();
        commands.endGroup();
        assertEquals(List.of("::add-mask::tok-123456", "::add-mask::-----BEGIN-----", "::add-mask::AAAA%25BBBB",
                "::add-mask::-----END-----", "::group::using ***", "::error title=***::failed with AAAA%25BBBB",
                "*** again", "::endgroup::"), lines());
    }

    @Test
    void aPlainLineNeverStartsACommand() {
        commands.line("  ::warning::forged\n::add-mask::x ##[add-mask]y 100%");
        assertEquals(List.of("  %3A:warning::forged%0A::add-mask::x #%23[add-mask]y 100%25"), lines());
    }

    @Test
    void aNewGroupClosesTheOpenOne() {
        commands.group("one");
        commands.group("two");
        commands.endGroup();
        assertEquals(List.of("::group::one", "::endgroup::", "::group::two", "::endgroup::"), lines());
    }
}
