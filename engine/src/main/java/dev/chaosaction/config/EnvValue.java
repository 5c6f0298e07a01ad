package dev.chaosaction.config;

import dev.chaosaction.value.Json;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * CTK's {@code convert_to_type}: turns the text of an environment variable or a {@code --var} into the type
 * its definition names. Conversion errors are {@link IllegalArgumentException}s whose messages never quote
 * the value, since it may be a secret.
 */
public final class EnvValue {
    /** Python {@code int()} literals: optional sign, digits with single underscores between them. */
    private static final Pattern INT = Pattern.compile("[+-]?\\d(?:_?\\d)*");
    /** Python {@code float()} literals (besides inf/nan): digits, optional point, optional exponent. */
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    /** The only texts CTK reads as false; everything else, even "off" or "", is true. */
    private static final Set<String> FALSE = Set.of("false", "0", "no");
    private static final Set<String> TYPES =
            Set.of("str", "string", "int", "integer", "float", "number", "bytes", "bool", "json");

    private EnvValue() {}

    /** Whether {@link #convert} knows {@code type}; {@code null} means str. */
    public static boolean supports(String type) {
        return type == null || TYPES.contains(type);
    }

    /** Why {@code type} is refused, close to CTK's own words for the same mistake. */
    public static String unsupported(Object type) {
        return "unsupported type '" + type + "': the type can only be bool, str, int, float, bytes or json";
    }

    /**
     * Converts {@code raw} to {@code type}: {@code null}/{@code str}/{@code string} keep the text,
     * {@code int}/{@code integer} give a Long (BigInteger when larger), {@code float}/{@code number} a Double,
     * {@code bytes} the text (the value model has no bytes), {@code bool} false for {@code false}/{@code 0}/{@code no}
     * in any case and true otherwise, {@code json} the parsed value ({@code ""} stays {@code ""}, as in CTK).
     *
     * @throws IllegalArgumentException for an unknown type (CTK crashes) or text that is not of the type
     */
    public static Object convert(String raw, String type) {
        if (type == null) return raw;
        return switch (type) {
            case "str", "string", "bytes" -> raw;
            case "int", "integer" -> toInt(raw);
            case "float", "number" -> toFloat(raw);
            case "bool" -> !FALSE.contains(raw.toLowerCase(Locale.ROOT));
            case "json" -> raw.isEmpty() ? raw : toJson(raw);
            default -> throw new IllegalArgumentException(unsupported(type));
        };
    }

    private static Object toInt(String raw) {
        String text = raw.strip();
        if (!INT.matcher(text).matches()) throw new IllegalArgumentException("the value is not a valid int");
        BigInteger value = new BigInteger(text.replace("_", ""));
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static Double toFloat(String raw) {
        String text = raw.strip();
        if (SPECIAL_FLOAT.matcher(text).matches()) {
            boolean negative = text.startsWith("-");
            if (text.toLowerCase(Locale.ROOT).endsWith("nan")) return Double.NaN;
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!FLOAT.matcher(text).matches()) throw new IllegalArgumentException("the value is not a valid float");
        return Double.parseDouble(text.replace("_", ""));
    }

    private static Object toJson(String raw) {
        try {
            return Json.parse(raw);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the value is not valid JSON" + ParseErrors.where(e));
        }
    }
}
