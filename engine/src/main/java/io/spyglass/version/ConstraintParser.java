package io.spyglass.version;

import io.spyglass.version.VersionConstraint.Comparison;
import io.spyglass.version.VersionConstraint.Dialect;
import io.spyglass.version.VersionConstraint.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns constraint text into alternatives of plain comparisons; the sugar of each dialect is expanded here. */
final class ConstraintParser {
    private ConstraintParser() {}

    /** Longest first, so {@code >=} is not read as {@code >}. */
    private static final String[] OPERATORS = {"===", "~>", "~=", "==", "!=", "<>", ">=", "<=", "=>", "=<", ">", "<", "=", "^", "~"};

    /** One written term: an operator (maybe empty) and a version; {@code "-"} alone marks a hyphen range. */
    record Term(String op, String version) {}

    static List<List<Comparison>> parse(String text, Dialect dialect) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty " + dialect + " constraint");
        String orSplit = switch (dialect) {
            case NPM -> "\\s*\\|\\|\\s*";
            case COMPOSER -> "\\s*\\|\\|?\\s*";
            default -> null;
        };
        String[] alternatives = orSplit == null ? new String[] {text.trim()} : text.trim().split(orSplit, -1);
        List<List<Comparison>> out = new ArrayList<>();
        for (String alternative : alternatives) {
            try {
                List<Term> terms = scan(alternative);
                out.addAll(switch (dialect) {
                    case RUBYGEMS -> List.of(RubyConstraints.expand(terms));
                    case COMPOSER -> List.of(ComposerConstraints.expand(terms));
                    case NPM -> List.of(NpmConstraints.expand(terms));
                    case PYPI -> PypiConstraints.expand(terms);
                    case GHSA -> List.of(plain(terms));
                });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(dialect + " constraint '" + text + "' is invalid: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Splits one AND-group into terms; commas and spaces separate, an operator may be followed by spaces. */
    static List<Term> scan(String group) {
        List<Term> terms = new ArrayList<>();
        int i = 0;
        int n = group.length();
        while (true) {
            while (i < n && (Character.isWhitespace(group.charAt(i)) || group.charAt(i) == ',')) i++;
            if (i >= n) break;
            String op = "";
            for (String candidate : OPERATORS) {
                if (group.startsWith(candidate, i)) {
                    op = candidate;
                    break;
                }
            }
            i += op.length();
            while (i < n && Character.isWhitespace(group.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(group.charAt(i)) && group.charAt(i) != ',') i++;
            String version = group.substring(start, i);
            if (version.isEmpty()) throw new IllegalArgumentException("operator '" + op + "' has no version");
            terms.add(new Term(op, version));
        }
        if (terms.isEmpty()) throw new IllegalArgumentException("empty alternative");
        return terms;
    }

    /** Plain comparisons only, versions verbatim. */
    private static List<Comparison> plain(List<Term> terms) {
        List<Comparison> out = new ArrayList<>();
        for (Term t : terms) {
            if (t.op().equals("~") || t.op().equals("^") || t.op().equals("~>") || t.op().equals("~=") || t.op().equals("===")) {
                throw new IllegalArgumentException("operator '" + t.op() + "' is not a GitHub advisory operator");
            }
            out.add(cmp(plainOperator(t.op()), t.version()));
        }
        return out;
    }

    static Comparison cmp(Operator op, String version) {
        return new Comparison(op, version);
    }

    static Operator plainOperator(String op) {
        return switch (op) {
            case "<" -> Operator.LT;
            case "<=", "=<" -> Operator.LE;
            case ">" -> Operator.GT;
            case ">=", "=>" -> Operator.GE;
            case "", "=", "==", "===" -> Operator.EQ;
            case "!=", "<>" -> Operator.NE;
            default -> throw new IllegalArgumentException("operator '" + op + "' is not allowed here");
        };
    }

    private static final Pattern WILDCARD = Pattern.compile("(?i)[x*]");

    static boolean isWildcard(String part) {
        return WILDCARD.matcher(part).matches();
    }
}
