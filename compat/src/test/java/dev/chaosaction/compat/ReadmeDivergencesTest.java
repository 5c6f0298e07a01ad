package dev.chaosaction.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Where we differ from Chaos Toolkit" and {@code compat/DIVERGENCES.md} say the same: every
 * divergence's id appears in that section as {@code [id]}, and the section names no id the file lacks.
 */
class ReadmeDivergencesTest {
    private static final String SECTION = "## Where we differ from Chaos Toolkit";
    /** {@code [some-id]} not followed by {@code (} (a Markdown link is not an id). */
    private static final Pattern ID = Pattern.compile("\\[([a-z0-9]+(?:-[a-z0-9]+)+)](?!\\()");

    @Test
    void readmeSectionNamesExactlyTheListedDivergences() {
        Divergences divergences = Divergences.read(DifferentialTest.ROOT.resolve("DIVERGENCES.md"));
        assertFalse(divergences.rows().isEmpty(), "DIVERGENCES.md lists no divergence");
        assertEquals(new TreeSet<>(divergences.ids()), new TreeSet<>(readmeIds(DifferentialTest.ROOT.resolveSibling("README.md"))),
                "the README's section and compat/DIVERGENCES.md must name the same divergence ids");
        assertEquals(divergences.ids().size(), new TreeSet<>(divergences.ids()).size(), "duplicate ids in DIVERGENCES.md");
    }

    static List<String> readmeIds(Path readme) {
        String text = Corpus.read(readme);
        int start = text.indexOf(SECTION);
        if (start < 0) throw new AssertionError("README has no section '" + SECTION + "'");
        int end = text.indexOf("\n## ", start + SECTION.length());
        String section = text.substring(start, end < 0 ? text.length() : end);
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(section);
        while (m.find()) ids.add(m.group(1));
        return ids;
    }
}
