package dev.chaosaction.tolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonRegexTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "(?P<name>\\w+) (?P=name)               | (?<name>\\w+) \\k<name>",
        "(?P<pod_name>.+)-(?P=pod_name)         | (?<g1>.+)-\\k<g1>",
        "(?P<a_b>x)(?P<g1>y)(?P=a_b)            | (?<g2>x)(?<g1>y)\\k<g2>",
        "\\d+\\Z                                | \\d+\\z",
        "\\\\Z                                  | \\\\Z",
        "${name}                                | $\\{name}",
        "a{} b{ c}                              | a\\{} b\\{ c}",
        "x{2} x{2,} x{,3} x{1,3} x{,}           | x{2} x{2,} x{0,3} x{1,3} x{0,}",
        "[[a] [a&&b] []x] [^]x]                 | [\\[a] [a\\&\\&b] [\\]x] [^\\]x]",
        "[{] [\\]]                              | [{] [\\]]",
        "a(?#a comment)b                        | ab",
        "(?i)^ok$                               | (?i)^ok$",
    })
    void translatesToJava(String python, String java) {
        assertEquals(java, PythonRegex.toJava(python));
    }
}
