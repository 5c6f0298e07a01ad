package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvValueTest {
    @Test
    void strStringBytesAndNoTypeKeepTheText() {
        assertEquals(" a b ", EnvValue.convert(" a b ", null));
        assertEquals("x", EnvValue.convert("x", "str"));
        assertEquals("x", EnvValue.convert("x", "string"));
        assertEquals("x", EnvValue.convert("x", "bytes"));
    }

    @Test
    void intFollowsPythonIntLiterals() {
        assertEquals(42L, EnvValue.convert(" 42\n", "int"));
        assertEquals(-7L, EnvValue.convert("-7", "integer"));
        assertEquals(1000L, EnvValue.convert("1_000", "int"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                EnvValue.convert("123456789012345678901234567890", "int"));
        for (String bad : List.of("abc", "1.5", "", "1__0", "0x10", "_1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvValue.convert(bad, "int"));
            assertEquals("the value is not a valid int", e.getMessage());
        }
    }

    @Test
    void floatFollowsPythonFloatLiterals() {
        assertEquals(1.5, EnvValue.convert("1.5", "float"));
        assertEquals(2.0, EnvValue.convert("2", "number"));
        assertEquals(1000.0, EnvValue.convert("1e3", "float"));
        assertEquals(0.5, EnvValue.convert(" .5 ", "float"));
        assertEquals(Double.NEGATIVE_INFINITY, EnvValue.convert("-inf", "float"));
        assertEquals(Double.POSITIVE_INFINITY, EnvValue.convert("Infinity", "float"));
        assertTrue(Double.isNaN((Double) EnvValue.convert("nan", "float")));
        for (String bad : List.of("abc", "1.5d", "0x1p3", "", "1e")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvValue.convert(bad, "float"));
            assertEquals("the value is not a valid float", e.getMessage());
        }
    }

    @Test
    void boolIsFalseOnlyForFalseZeroAndNoInAnyCase() {
        for (String no : List.of("false", "FALSE", "False", "0", "no", "No", "NO")) {
            assertEquals(false, EnvValue.convert(no, "bool"), no);
        }
        for (String yes : List.of("true", "1", "yes", "off", "", " no", "n")) {
            assertEquals(true, EnvValue.convert(yes, "bool"), yes);
        }
    }

    @Test
    void jsonIsParsedAndAnEmptyTextStaysEmpty() {
        assertEquals(Map.of("a", 1L, "b", List.of(true)), EnvValue.convert("{\"a\": 1, \"b\": [true]}", "json"));
        assertEquals(3L, EnvValue.convert("3", "json"));
        assertEquals("", EnvValue.convert("", "json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnvValue.convert("{\"a\": s3cr3t}", "json"));
        assertEquals("the value is not valid JSON (line 1, column 7)", e.getMessage());
        // Like Python's json.loads, trailing data is refused rather than ignored.
        assertThrows(IllegalArgumentException.class, () -> EnvValue.convert("1 2", "json"));
    }

    @Test
    void anUnknownTypeIsAnErrorNotACrash() {
        assertTrue(EnvValue.supports(null));
        assertTrue(EnvValue.supports("json"));
        assertFalse(EnvValue.supports("list"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvValue.convert("1", "list"));
        assertEquals("unsupported type 'list': the type can only be bool, str, int, float, bytes or json", e.getMessage());
    }
}
