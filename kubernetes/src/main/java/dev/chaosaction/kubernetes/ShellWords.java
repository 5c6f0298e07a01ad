package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code shlex.split} (POSIX mode, no comments), which the extension applies to a command given as
 * one string: words split on blanks, {@code '...'} taken literally, {@code "..."} with backslash escapes.
 */
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String line) throws ActivityFailed {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                continue;
            }
            inWord = true;
            switch (c) {
                case '\'' -> i = quoted(line, i, '\'', word);
                case '"' -> i = quoted(line, i, '"', word);
                case '\\' -> {
                    if (i + 1 < line.length()) word.append(line.charAt(++i));
                }
                default -> word.append(c);
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    /** Appends a quoted part opened at {@code open}; returns the index of its closing quote. */
    private static int quoted(String line, int open, char quote, StringBuilder word) throws ActivityFailed {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == quote) return i;
            if (quote == '"' && c == '\\' && i + 1 < line.length() && "\\\"$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                c = line.charAt(++i);
            }
            word.append(c);
        }
        throw new ActivityFailed("cannot split the command '" + line + "': No closing quotation");
    }
}
