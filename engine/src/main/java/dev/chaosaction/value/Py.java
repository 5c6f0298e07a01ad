package dev.chaosaction.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's view of the JSON-like values experiments are made of (maps, lists, strings, Long/BigInteger,
 * Double, Boolean, null). Chaos Toolkit compares and formats values the Python way; keeping those rules in
 * one place is what lets experiments behave the same here.
 */
public final class Py {
    private Py() {}

    /** Python {@code ==}: numbers compare by value across int/float/bool ({@code 1 == True}), containers deeply. */
    public static boolean eq(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (isNumeric(a) && isNumeric(b)) return compare(a, b) == 0;
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) return false;
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) return false;
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) return false;
            for (int i = 0; i < la.size(); i++) if (!eq(la.get(i), lb.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    /** Python's {@code in} for a list. */
    public static boolean in(Object value, List<?> list) {
        for (Object item : list) if (eq(value, item)) return true;
        return false;
    }

    /** Numbers and booleans: what Python orders and adds ({@code True} is 1). */
    public static boolean isNumeric(Object o) {
        return o instanceof Number || o instanceof Boolean;
    }

    /** Python ordering of two numerics. */
    public static int compare(Object a, Object b) {
        return decimal(a).compareTo(decimal(b));
    }

    public static BigDecimal decimal(Object o) {
        return switch (o) {
            case Boolean bool -> bool ? BigDecimal.ONE : BigDecimal.ZERO;
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> new BigDecimal(d);
            case Float f -> new BigDecimal(f);
            case Number n -> BigDecimal.valueOf(n.longValue());
            default -> throw new IllegalArgumentException("not a number: " + typeName(o));
        };
    }

    /** Python truthiness. */
    public static boolean truthy(Object o) {
        return switch (o) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case List<?> l -> !l.isEmpty();
            case Number n -> decimal(n).signum() != 0;
            default -> true;
        };
    }

    /** Python {@code str()}: what a value looks like when a {@code ${name}} sits inside a longer string. */
    public static String str(Object o) {
        return o instanceof String s ? s : repr(o);
    }

    /** Python {@code repr()} of a JSON-like value. */
    public static String repr(Object o) {
        return switch (o) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case String s -> quote(s);
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(f.doubleValue());
            case Number n -> n.toString();
            case Map<?, ?> m -> join(m.entrySet().iterator(), "{", "}", true);
            case List<?> l -> join(l.iterator(), "[", "]", false);
            default -> o.toString();
        };
    }

    /** The Python type name, for messages that speak the experiment author's language. */
    public static String typeName(Object o) {
        return switch (o) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case String s -> "str";
            case Double d -> "float";
            case Float f -> "float";
            case Number n -> "int";
            case Map<?, ?> m -> "dict";
            case List<?> l -> "list";
            default -> o.getClass().getSimpleName();
        };
    }

    private static String join(Iterator<?> it, String open, String close, boolean entries) {
        StringBuilder sb = new StringBuilder(open);
        while (it.hasNext()) {
            Object item = it.next();
            if (entries) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            } else {
                sb.append(repr(item));
            }
            if (it.hasNext()) sb.append(", ");
        }
        return sb.append(close).toString();
    }

    private static String quote(String s) {
        char q = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) sb.append('\\');
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }

    /** Python float repr: shortest round-trip digits, {@code 1.0} keeps its point, exponents as {@code 1e+16}. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return BigDecimal.valueOf(d).toBigInteger() + ".0";
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        int exp = Integer.parseInt(s.substring(e + 1));
        if (exp >= -4 && exp < 16) return BigDecimal.valueOf(d).toPlainString();
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
