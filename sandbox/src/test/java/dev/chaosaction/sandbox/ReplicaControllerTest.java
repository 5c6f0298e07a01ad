package dev.chaosaction.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplicaControllerTest {
    @Test
    void podNamesNeverRepeatEvenWhereFiveRandomLettersWould() {
        // 20,000 draws of 27^5 names repeat about 14 times: a sandbox with many replicas failed to seed.
        ReplicaController controller = new ReplicaController(null, () -> 0, "shop", Duration.ZERO, Duration.ZERO);
        Set<String> names = new HashSet<>();
        IntStream.range(0, 20_000).forEach(i -> names.add(controller.podName("web")));

        assertEquals(20_000, names.size());
        String hash = ReplicaController.templateHash("web");
        assertTrue(names.stream().allMatch(n -> n.matches("web-" + hash + "-[bcdfghjklmnpqrstvwxz2456789]{5}")));
    }
}
