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
        STRING, INT, NUMBER, BOOL, LIST, MAP, STRING_OR_LIST, ANY,
        /**
         * A str that names one object of an API and so becomes one segment of a request's URL path (a Kubernetes
         * namespace, node or Deployment): not empty, {@code .} or {@code ..}, without {@code /} or {@code %}, as
         * the Kubernetes API server requires of a path segment name. The HTTP client would resolve
         * {@code "shop/../kube-system"} to another namespace than the one the guardrails were asked about.
         */
        NAME;

        /**
         * Why a str cannot be a {@link #NAME}, or null when it can. Empty, a namespace means every namespace to
         * fabric8 (kube-system's pods listed and deleted past the guardrails).
         */
        public static String notAName(String value) {
            if (value.isEmpty()) return "it is empty";
            if (value.equals(".") || value.equals("..")) return "it is '" + value + "'";
            if (value.contains("/")) return "it contains '/'";
            if (value.contains("%")) return "it contains '%'";
            return null;
        }

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
                case NAME -> value instanceof String s && notAName(s) == null;
            };
        }

        public String pythonName() {
            return switch (this) {
                case STRING, NAME -> "str";
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
