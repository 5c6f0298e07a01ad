package dev.chaosaction.tolerance;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Py;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code {"type": "regex", "pattern": P, "target": T}}: Python's {@code re.search}, so the pattern may match
 * anywhere in the string.
 */
final class RegexTolerance {
    private RegexTolerance() {}

    static List<Problem> validate(Map<String, Object> tolerance, String path) {
        String at = Problem.child(path, "pattern");
        if (!tolerance.containsKey("pattern")) {
            return List.of(new Problem(at, "hypothesis regex probe tolerance must have a `pattern` key"));
        }
        try {
            compile(tolerance.get("pattern"));
            return List.of();
        } catch (ToleranceException e) {
            return List.of(new Problem(at, e.getMessage()));
        }
    }

    static boolean within(Map<String, Object> tolerance, Object output) throws ToleranceException {
        Pattern pattern = compile(tolerance.get("pattern"));
        Target target = Target.of(tolerance, "regex");
        Object value = target.select(output);
        // Python's re.search takes strings only: a number or a dict is a TypeError there, not a conversion.
        if (!(value instanceof String text)) throw target.wrongType("a string", output, value);
        try {
            return pattern.matcher(new BudgetedText(text)).find();
        } catch (BudgetedText.Exhausted e) {
            throw new ToleranceException("hypothesis probe tolerance pattern " + tolerance.get("pattern")
                    + " took too long: the search gave up after " + BudgetedText.MAX_STEPS + " steps over "
                    + text.length() + " characters; a nested repetition such as (a+)+ backtracks without end,"
                    + " simplify the pattern");
        }
    }

    private static Pattern compile(Object pattern) throws ToleranceException {
        if (!(pattern instanceof String python)) {
            throw new ToleranceException("hypothesis probe tolerance pattern " + Py.str(pattern)
                    + " has an invalid type");
        }
        try {
            return PythonRegex.compile(python);
        } catch (PatternSyntaxException e) {
            throw new ToleranceException("hypothesis probe tolerance pattern " + python + " seems invalid: "
                    + e.getDescription());
        }
    }
}
