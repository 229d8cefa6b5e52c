package dev.shepherd.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The part of DynamoDB's expression language that {@link FakeDynamoDb} implements, which is what Shepherd's
 * incident ledger sends, and nothing more:
 * <pre>
 * condition := and ( OR and )*            and := primary ( AND primary )*
 * primary   := ( condition ) | attribute_not_exists( path ) | operand comparator operand
 * comparator:= = | &lt; | &lt;= | &gt; | &gt;=     operand := path | :value      path := name | #name (top level only)
 * update    := ( SET path = value (, ...)* | REMOVE path (, path)* | ADD path :value (, ...)* )+, each clause once
 * value     := operand | if_not_exists( path , operand )
 * </pre>
 * Anything else (NOT, BETWEEN, IN, {@code <>}, other functions, arithmetic, nested paths, DELETE) throws
 * {@link UnsupportedOperationException} naming the expression. DynamoDB's own rules that apply to this subset are
 * enforced as {@link Invalid} (its ValidationException): undefined or unused placeholders, overlapping paths,
 * a SET from a missing attribute, ADD of a non-number. Not checked: reserved words used bare (moto checks them,
 * and the parity suite runs the same expressions there). Comparisons follow DynamoDB: S by code point, N by value,
 * other types only for {@code =}; a missing attribute or a type mismatch makes a comparison false.
 */
final class DynamoDbExpressions {
    static final String GRAMMAR = "attribute_not_exists(path), AND, OR, parentheses, = < <= > >= between a top-level "
            + "path and a :value; SET path = operand | if_not_exists(path, operand), REMOVE path, ADD path :number";

    private DynamoDbExpressions() {
    }

    /** DynamoDB's ValidationException for this subset: the message as DynamoDB words it. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** The placeholders of one request and which of them the expressions used. */
    static final class Placeholders {
        private final Map<String, String> names;
        private final Map<String, AttributeValue> values;
        private final Set<String> usedNames = new HashSet<>();
        private final Set<String> usedValues = new HashSet<>();

        Placeholders(Map<String, String> names, Map<String, AttributeValue> values) {
            this.names = names;
            this.values = values;
        }

        String name(String token, String which) {
            if (!token.startsWith("#")) {
                return token;
            }
            String name = names.get(token);
            if (name == null) {
                throw new Invalid("Invalid " + which + ": An expression attribute name used in the document path is "
                        + "not defined; attribute name: " + token);
            }
            usedNames.add(token);
            return name;
        }

        AttributeValue value(String token, String which) {
            AttributeValue value = values.get(token);
            if (value == null) {
                throw new Invalid("Invalid " + which + ": An expression attribute value used in expression is not "
                        + "defined; attribute value: " + token);
            }
            usedValues.add(token);
            return value;
        }

        /** After every expression of the request is parsed: a placeholder nobody used is an error. */
        void requireAllUsed() {
            Set<String> unusedNames = new TreeSet<>(names.keySet());
            unusedNames.removeAll(usedNames);
            if (!unusedNames.isEmpty()) {
                throw new Invalid("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                        + String.join(", ", unusedNames) + "}");
            }
            Set<String> unusedValues = new TreeSet<>(values.keySet());
            unusedValues.removeAll(usedValues);
            if (!unusedValues.isEmpty()) {
                throw new Invalid("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                        + String.join(", ", unusedValues) + "}");
            }
        }
    }

    /** An operand: an attribute of the item, or a given value. */
    record Operand(String path, AttributeValue value) {
        AttributeValue of(Map<String, AttributeValue> item) {
            return path != null ? item.get(path) : value;
        }
    }

    /** One update, evaluated against the item as it was before the update, as DynamoDB does. */
    record Update(Map<String, Operand> set, Map<String, Operand> setIfNotExists, List<String> remove,
            Map<String, AttributeValue> add) {
        Map<String, AttributeValue> apply(Map<String, AttributeValue> old) {
            Map<String, AttributeValue> next = new LinkedHashMap<>(old);
            set.forEach((path, operand) -> {
                AttributeValue v = operand.of(old);
                if (v == null) {
                    throw new Invalid("The provided expression refers to an attribute that does not exist in the item");
                }
                next.put(path, v);
            });
            setIfNotExists.forEach((path, fallback) -> {
                AttributeValue v = old.containsKey(path) ? old.get(path) : fallback.of(old);
                if (v == null) {
                    throw new Invalid("The provided expression refers to an attribute that does not exist in the item");
                }
                next.put(path, v);
            });
            remove.forEach(next::remove);
            add.forEach((path, increment) -> {
                AttributeValue current = old.get(path);
                if (current != null && current.n() == null) {
                    throw new Invalid("An operand in the update expression has an incorrect data type");
                }
                BigDecimal sum = number(increment).add(current == null ? BigDecimal.ZERO : number(current));
                next.put(path, AttributeValue.fromN(sum.stripTrailingZeros().toPlainString()));
            });
            return next;
        }

        /** Every attribute the update writes or removes. */
        Set<String> paths() {
            Set<String> all = new HashSet<>(set.keySet());
            all.addAll(setIfNotExists.keySet());
            all.addAll(remove);
            all.addAll(add.keySet());
            return all;
        }
    }

    static Predicate<Map<String, AttributeValue>> condition(String text, Placeholders placeholders) {
        Parser p = new Parser(text, "ConditionExpression", placeholders);
        Predicate<Map<String, AttributeValue>> condition = p.or();
        p.end();
        return condition;
    }

    static Update update(String text, Placeholders placeholders) {
        Parser p = new Parser(text, "UpdateExpression", placeholders);
        Update update = p.update();
        p.end();
        return update;
    }

    static BigDecimal number(AttributeValue v) {
        try {
            return new BigDecimal(v.n());
        } catch (NumberFormatException e) {
            throw new Invalid("The parameter cannot be converted to a numeric value: " + v.n());
        }
    }

    private static final class Parser {
        private final String text;
        private final String which;
        private final Placeholders placeholders;
        private final List<String> tokens;
        private int at;

        Parser(String text, String which, Placeholders placeholders) {
            this.text = text;
            this.which = which;
            this.placeholders = placeholders;
            this.tokens = tokenize(text);
        }

        private List<String> tokenize(String s) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')' || c == ',' || c == '=') {
                    out.add(String.valueOf(c));
                    i++;
                } else if (c == '<' || c == '>') {
                    boolean orEqual = i + 1 < s.length() && s.charAt(i + 1) == '=';
                    if (c == '<' && i + 1 < s.length() && s.charAt(i + 1) == '>') {
                        throw unsupported("<>");
                    }
                    out.add(orEqual ? c + "=" : String.valueOf(c));
                    i += orEqual ? 2 : 1;
                } else if (c == '#' || c == ':' || Character.isLetter(c) || c == '_') {
                    int start = i++;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    out.add(s.substring(start, i));
                } else {
                    throw unsupported("'" + c + "'");
                }
            }
            return out;
        }

        private UnsupportedOperationException unsupported(String what) {
            return new UnsupportedOperationException("FakeDynamoDb does not implement " + what + " in " + which + " '"
                    + text + "'; it implements: " + GRAMMAR);
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : null;
        }

        private String next(String expected) {
            String t = peek();
            if (t == null) {
                throw new Invalid("Invalid " + which + ": Syntax error; token: \"<EOF>\", near: \"" + text + "\"");
            }
            at++;
            if (expected != null && !expected.equals(t)) {
                throw unsupported("'" + t + "' where '" + expected + "' belongs");
            }
            return t;
        }

        private boolean keyword(String word) {
            String t = peek();
            if (t != null && t.toUpperCase(Locale.ROOT).equals(word)) {
                at++;
                return true;
            }
            return false;
        }

        private boolean comma() {
            if (",".equals(peek())) {
                at++;
                return true;
            }
            return false;
        }

        void end() {
            if (peek() != null) {
                throw unsupported("'" + peek() + "'");
            }
        }

        Predicate<Map<String, AttributeValue>> or() {
            Predicate<Map<String, AttributeValue>> left = and();
            while (keyword("OR")) {
                left = left.or(and());
            }
            return left;
        }

        private Predicate<Map<String, AttributeValue>> and() {
            Predicate<Map<String, AttributeValue>> left = primary();
            while (keyword("AND")) {
                left = left.and(primary());
            }
            return left;
        }

        private Predicate<Map<String, AttributeValue>> primary() {
            String t = peek();
            if ("(".equals(t)) {
                next("(");
                Predicate<Map<String, AttributeValue>> inner = or();
                next(")");
                return inner;
            }
            if ("attribute_not_exists".equals(t)) {
                next(t);
                next("(");
                String path = path();
                next(")");
                return item -> !item.containsKey(path);
            }
            Operand left = operand();
            String op = next(null);
            if (!Set.of("=", "<", "<=", ">", ">=").contains(op)) {
                throw unsupported("'" + op + "'");
            }
            Operand right = operand();
            return item -> compare(left.of(item), op, right.of(item));
        }

        private Operand operand() {
            String t = next(null);
            if (t.startsWith(":")) {
                return new Operand(null, placeholders.value(t, which));
            }
            at--;
            return new Operand(path(), null);
        }

        private String path() {
            String t = next(null);
            if (t.startsWith(":") || !(t.startsWith("#") || Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')
                    || "(".equals(peek())) {
                throw unsupported("'" + t + "' as a path");
            }
            return placeholders.name(t, which);
        }

        Update update() {
            Map<String, Operand> set = new LinkedHashMap<>();
            Map<String, Operand> setIfNotExists = new LinkedHashMap<>();
            List<String> remove = new ArrayList<>();
            Map<String, AttributeValue> add = new LinkedHashMap<>();
            Set<String> clauses = new HashSet<>();
            List<String> paths = new ArrayList<>();
            while (peek() != null) {
                String clause = next(null).toUpperCase(Locale.ROOT);
                if (!Set.of("SET", "REMOVE", "ADD").contains(clause)) {
                    throw unsupported("'" + clause + "'");
                }
                if (!clauses.add(clause)) {
                    throw new Invalid("Invalid UpdateExpression: The \"" + clause
                            + "\" section can only be used once in an update expression;");
                }
                do {
                    String path = path();
                    paths.add(path);
                    switch (clause) {
                        case "SET" -> {
                            next("=");
                            if ("if_not_exists".equals(peek())) {
                                next("if_not_exists");
                                next("(");
                                String same = path();
                                if (!same.equals(path)) {
                                    throw unsupported("if_not_exists of another path than the one SET");
                                }
                                next(",");
                                setIfNotExists.put(path, operand());
                                next(")");
                            } else {
                                set.put(path, operand());
                            }
                        }
                        case "REMOVE" -> remove.add(path);
                        default -> {
                            String v = next(null);
                            if (!v.startsWith(":")) {
                                throw unsupported("ADD of '" + v + "'");
                            }
                            AttributeValue value = placeholders.value(v, which);
                            if (value.n() == null) {
                                throw new Invalid("Invalid UpdateExpression: Incorrect operand type for operator or "
                                        + "function; operator: ADD, operand type: " + value.type());
                            }
                            number(value);
                            add.put(path, value);
                        }
                    }
                } while (comma());
            }
            if (clauses.isEmpty()) {
                throw new Invalid("Invalid UpdateExpression: Syntax error; token: \"<EOF>\"");
            }
            Map<String, Integer> seen = new HashMap<>();
            for (String p : paths) {
                if (seen.merge(p, 1, Integer::sum) > 1) {
                    throw new Invalid("Invalid UpdateExpression: Two document paths overlap with each other; must "
                            + "remove or rewrite one of these paths; path one: [" + p + "], path two: [" + p + "]");
                }
            }
            return new Update(set, setIfNotExists, remove, add);
        }
    }

    private static boolean compare(AttributeValue a, String op, AttributeValue b) {
        if (a == null || b == null || a.type() != b.type()) {
            return false;
        }
        Integer order = switch (a.type()) {
            case S -> Integer.signum(codePointCompare(a.s(), b.s()));
            case N -> number(a).compareTo(number(b));
            default -> null;
        };
        if (order == null) {
            if (!op.equals("=")) {
                throw new Invalid("Invalid ConditionExpression: Incorrect operand type for operator or function; "
                        + "operator or function: " + op + ", operand type: " + a.type());
            }
            return a.equals(b);
        }
        return switch (op) {
            case "=" -> order == 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private static int codePointCompare(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
