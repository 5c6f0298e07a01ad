package dev.chaosaction.activity;

import dev.chaosaction.value.Py;
import java.util.List;
import java.util.Map;

/**
 * One parameter of a native function, as the Python signature it mirrors declares it.
 *
 * @param name         the keyword
 * @param type         what values bind to it
 * @param required     true when the Python parameter has no default
 * @param defaultValue the Python default (null for {@code None})
 */
public record Param(String name, Type type, boolean required, Object defaultValue) {

    /** The Python type hints we check arguments against when binding them. */
    public enum Type {
        STRING, INT, NUMBER, BOOL, LIST, MAP, STRING_OR_LIST, ANY;

        /** True when the value fits; null fits any optional parameter (Python's {@code None}). */
        public boolean accepts(Object value) {
            return switch (this) {
                case STRING -> value instanceof String;
                case INT -> value instanceof Number n && !(n instanceof Double) || value instanceof Boolean;
                case NUMBER -> Py.isNumeric(value);
                case BOOL -> value instanceof Boolean;
                case LIST -> value instanceof List<?>;
                case MAP -> value instanceof Map<?, ?>;
                case STRING_OR_LIST -> value instanceof String || value instanceof List<?>;
                case ANY -> true;
            };
        }

        public String pythonName() {
            return switch (this) {
                case STRING -> "str";
                case INT -> "int";
                case NUMBER -> "float";
                case BOOL -> "bool";
                case LIST -> "list";
                case MAP -> "dict";
                case STRING_OR_LIST -> "str or list";
                case ANY -> "any";
            };
        }
    }

    public static Param required(String name, Type type) {
        return new Param(name, type, true, null);
    }

    public static Param optional(String name, Type type, Object defaultValue) {
        return new Param(name, type, false, defaultValue);
    }
}
