package dev.chaosaction.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.activity.ActivityFailed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compute_mean's means, as Python's statistics module computes them. */
class MeansTest {
    private static final List<Double> VALUES = List.of(1.0, 2.0, 4.0);

    @Test
    void eachMeanTypeComputesItsMean() throws Exception {
        assertEquals(7.0 / 3, Means.of("arithmetic", VALUES), 1e-12);
        assertEquals(2.0, Means.of("geometric", VALUES), 1e-12);
        assertEquals(3 / 1.75, Means.of("harmonic", VALUES), 1e-12);
        assertEquals(7.0 / 3, Means.of("median", VALUES), 1e-12); // any other name: arithmetic, as chaosprometheus
    }

    @Test
    void meansRefuseWhatPythonRefuses() throws Exception {
        assertEquals("geometric mean requires a non-empty dataset containing positive numbers",
                assertThrows(ActivityFailed.class, () -> Means.of("geometric", List.of(1.0, 0.0))).getMessage());
        assertEquals("harmonic mean does not support negative values",
                assertThrows(ActivityFailed.class, () -> Means.of("harmonic", List.of(1.0, -1.0))).getMessage());
        assertEquals(0.0, Means.of("harmonic", List.of(1.0, 0.0))); // Python's answer for a zero
    }

    @Test
    void prometheusSpecialValuesAreNumbers() throws Exception {
        assertEquals(Double.POSITIVE_INFINITY, Means.number("+Inf"));
        assertEquals(Double.NEGATIVE_INFINITY, Means.number("-Inf"));
        assertEquals(Double.NaN, Means.number("NaN"));
        assertEquals(0.25, Means.number("0.25"));
    }
}
