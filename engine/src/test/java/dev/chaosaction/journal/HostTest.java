package dev.chaosaction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The journal's node is the machine's name as Chaos Toolkit's platform.node() gives it: uname's node name. */
class HostTest {
    @Test
    void theNodeIsUnamesNodeName() throws IOException, InterruptedException {
        assumeTrue(System.getenv("HOSTNAME") == null, "HOSTNAME is set: it is the node");
        Process uname = new ProcessBuilder("uname", "-n").redirectErrorStream(true).start();
        String expected = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(uname.waitFor() == 0, "no uname here");
        assertEquals(expected, Host.name());
    }
}
