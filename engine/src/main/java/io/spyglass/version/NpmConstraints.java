package io.spyglass.version;

import io.spyglass.version.VersionConstraint.Comparison;
import io.spyglass.version.VersionConstraint.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node-semver range syntax, desugared as node-semver does: partial versions and x-ranges
 * ({@code 1.2} = {@code 1.2.x} = {@code >=1.2.0 <1.3.0-0}), tilde, caret and hyphen ranges.
 * GitHub's advisory ranges ({@code >= 1.0.0, < 1.2.0}) use commas, which are read as spaces.
 */
final class NpmConstraints {
    private NpmConstraints() {}

    private static final Pattern PARTIAL = Pattern.compile(
            "[vV=]?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    /** A partial version: null parts are missing or wildcards. */
    private record Partial(Long major, Long minor, Long patch, String pre) {
        int given() {
            return major == null ? 0 : minor == null ? 1 : patch == null ? 2 : 3;
        }

        String full() {
            return n(major) + "." + n(minor) + "." + n(patch) + (pre == null ? "" : pre);
        }

        private static long n(Long v) {
            return v == null ? 0 : v;
        }
    }

    static List<Comparison> expand(List<ConstraintParser.Term> terms) {
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            ConstraintParser.Term t = terms.get(i);
            if (i + 2 < terms.size() && terms.get(i + 1).op().isEmpty() && terms.get(i + 1).version().equals("-")) {
                Partial from = partial(t.version());
                Partial to = partial(terms.get(i + 2).version());
                out.add(ConstraintParser.cmp(Operator.GE, from.full()));
                out.add(to.given() == 3 ? ConstraintParser.cmp(Operator.LE, to.full()) : ConstraintParser.cmp(Operator.LT, bump(to, to.given())));
                i += 2;
            } else {
                out.addAll(term(t.op(), partial(t.version())));
            }
        }
        return out;
    }

    private static Partial partial(String text) {
        Matcher m = PARTIAL.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a version");
        Long major = number(m.group(1));
        Long minor = major == null ? null : number(m.group(2));
        Long patch = minor == null ? null : number(m.group(3));
        return new Partial(major, minor, patch, patch == null ? null : m.group(4));
    }

    private static Long number(String part) {
        return part == null || ConstraintParser.isWildcard(part) ? null : Long.parseLong(part);
    }

    /** The first version past the given prefix of {@code p}, as a {@code -0} pre-release so nothing of the prefix is above it. */
    private static String bump(Partial p, int keep) {
        long major = p.major == null ? 0 : p.major;
        long minor = p.minor == null ? 0 : p.minor;
        long patch = p.patch == null ? 0 : p.patch;
        if (keep == 1) return (major + 1) + ".0.0-0";
        if (keep == 2) return major + "." + (minor + 1) + ".0-0";
        return major + "." + minor + "." + (patch + 1) + "-0";
    }

    private static List<Comparison> term(String op, Partial p) {
        int given = p.given();
        String low = p.full();
        if (given == 0) {
            if (op.equals("<") || op.equals(">")) return List.of(ConstraintParser.cmp(Operator.LT, "0.0.0-0"));
            return List.of(ConstraintParser.cmp(Operator.GE, "0.0.0-0"));
        }
        switch (op) {
            case "~", "~>":
                return List.of(ConstraintParser.cmp(Operator.GE, low), ConstraintParser.cmp(Operator.LT, bump(p, given == 1 ? 1 : 2)));
            case "^": {
                int keep = p.major != 0 || given == 1 ? 1 : p.minor != 0 || given == 2 ? 2 : 3;
                return List.of(ConstraintParser.cmp(Operator.GE, low), ConstraintParser.cmp(Operator.LT, bump(p, keep)));
            }
            case "", "=", "==":
                if (given == 3) return List.of(ConstraintParser.cmp(Operator.EQ, low));
                return List.of(ConstraintParser.cmp(Operator.GE, low), ConstraintParser.cmp(Operator.LT, bump(p, given)));
            case ">":
                return List.of(given == 3 ? ConstraintParser.cmp(Operator.GT, low) : ConstraintParser.cmp(Operator.GE, bump(p, given)));
            case ">=", "=>":
                return List.of(ConstraintParser.cmp(Operator.GE, low));
            case "<":
                return List.of(ConstraintParser.cmp(Operator.LT, given == 3 ? low : p.full().replaceFirst("-.*$", "") + "-0"));
            case "<=", "=<":
                return List.of(given == 3 ? ConstraintParser.cmp(Operator.LE, low) : ConstraintParser.cmp(Operator.LT, bump(p, given)));
            case "!=":
                if (given == 3) return List.of(ConstraintParser.cmp(Operator.NE, low));
                throw new IllegalArgumentException("'!=' needs a full version");
            default:
                throw new IllegalArgumentException("operator '" + op + "' is not an npm operator");
        }
    }
}
