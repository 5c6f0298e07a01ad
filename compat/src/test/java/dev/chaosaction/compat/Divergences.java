package dev.chaosaction.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code compat/DIVERGENCES.md}: the one list of deliberate differences from Chaos Toolkit. Each row of its
 * table is {@code | id | cases | reason |}: a short id (the README's section names it as {@code [id]}), the
 * case ids it covers as comma-separated globs in backticks ({@code *} is any text; {@code -} when no CLI case
 * can show it) and why we differ.
 */
record Divergences(List<Divergence> rows) {

    record Divergence(String id, List<String> globs, String reason) {
        boolean covers(String caseId) {
            return globs.stream().anyMatch(g -> glob(g).matcher(caseId).matches());
        }

        private static Pattern glob(String glob) {
            StringBuilder regex = new StringBuilder();
            for (String part : glob.split("\\*", -1)) {
                if (!regex.isEmpty()) regex.append(".*");
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString());
        }
    }

    static Divergences read(Path file) {
        try {
            List<Divergence> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("|")) continue;
                String[] cells = line.split("\\|", -1);
                if (cells.length < 5) continue;
                String id = cells[1].strip();
                if (id.equals("id") || id.startsWith("---")) continue;
                String cases = cells[2].strip();
                List<String> globs = cases.equals("-") ? List.of()
                        : Arrays.stream(cases.split(",")).map(s -> s.strip().replace("`", "")).toList();
                rows.add(new Divergence(id, globs, cells[3].strip()));
            }
            return new Divergences(List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Divergence> covering(String caseId) {
        return rows.stream().filter(d -> d.covers(caseId)).toList();
    }

    List<String> ids() {
        return rows.stream().map(Divergence::id).toList();
    }
}
