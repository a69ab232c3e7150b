package io.spyglass.version;

import io.spyglass.version.VersionConstraint.Comparison;
import io.spyglass.version.VersionConstraint.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * Composer's constraint syntax (composer/semver VersionParser::parseConstraints), expanded the way Composer
 * does: {@code <1.2} and {@code >=1.2} without a stability mean {@code <1.2-dev} and {@code >=1.2-dev}, so the
 * pre-releases of 1.2 are below it; {@code ~}, {@code ^}, wildcards and hyphen ranges become two bounds.
 */
final class ComposerConstraints {
    private ComposerConstraints() {}

    static List<Comparison> expand(List<ConstraintParser.Term> terms) {
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            ConstraintParser.Term t = terms.get(i);
            if (i + 2 < terms.size() && terms.get(i + 1).op().isEmpty() && terms.get(i + 1).version().equals("-")) {
                out.addAll(hyphen(t.version(), terms.get(i + 2).version()));
                i += 2;
            } else {
                out.addAll(term(t.op(), stripStabilityFlag(t.version())));
            }
        }
        return out;
    }

    private static String stripStabilityFlag(String v) {
        return v.replaceFirst("(?i)@(stable|RC|beta|alpha|dev)$", "");
    }

    private static List<Comparison> term(String op, String version) {
        if (version.equals("*") || version.equalsIgnoreCase("x")) {
            if (!op.isEmpty()) throw new IllegalArgumentException("operator '" + op + "' before '*'");
            return List.of(ConstraintParser.cmp(Operator.GE, "0.0.0.0-dev"));
        }
        String[] parts = version.replaceFirst("^[vV]", "").split("\\.");
        boolean wildcard = parts.length > 1 && ConstraintParser.isWildcard(parts[parts.length - 1]);
        if (wildcard) {
            if (!op.isEmpty() && !op.equals("=") && !op.equals("==")) throw new IllegalArgumentException("operator '" + op + "' before wildcard " + version);
            return prefix(parts, parts.length - 1);
        }
        String normalized = ComposerVersionScheme.normalize(version);
        switch (op) {
            case "~": return tilde(version, normalized);
            case "^": return caret(normalized);
            case "~>", "~=", "===": throw new IllegalArgumentException("operator '" + op + "' is not a Composer operator");
            default: break;
        }
        Operator o = ConstraintParser.plainOperator(op);
        if ((o == Operator.LT || o == Operator.GE) && !normalized.contains("-")) normalized += "-dev";
        return List.of(ConstraintParser.cmp(o, normalized));
    }

    /** {@code 1.2.*}: from {@code 1.2.0.0-dev} up to (not including) {@code 1.3.0.0-dev}. */
    private static List<Comparison> prefix(String[] parts, int count) {
        long[] numbers = numbers(parts, count);
        long[] upper = numbers.clone();
        upper[count - 1]++;
        return List.of(ConstraintParser.cmp(Operator.GE, join(numbers) + "-dev"), ConstraintParser.cmp(Operator.LT, join(upper) + "-dev"));
    }

    /** {@code ~1.2} is {@code >=1.2 <2.0}; {@code ~1.2.3} is {@code >=1.2.3 <1.3}: the last given part may grow. */
    private static List<Comparison> tilde(String raw, String normalized) {
        int given = raw.replaceFirst("^[vV]", "").split("[-+@]")[0].split("\\.").length;
        String[] parts = normalized.split("-")[0].split("\\.");
        int keep = Math.max(1, given - 1);
        long[] upper = numbers(parts, keep);
        upper[keep - 1]++;
        String lower = normalized.contains("-") ? normalized : normalized + "-dev";
        return List.of(ConstraintParser.cmp(Operator.GE, lower), ConstraintParser.cmp(Operator.LT, join(upper) + "-dev"));
    }

    /** {@code ^1.2.3} is {@code <2.0}; {@code ^0.3} is {@code <0.4}; {@code ^0.0.3} is {@code <0.0.4}: the first non-zero part is kept. */
    private static List<Comparison> caret(String normalized) {
        String[] parts = normalized.split("-")[0].split("\\.");
        int keep = 1;
        while (keep < 3 && Long.parseLong(parts[keep - 1]) == 0) keep++;
        long[] upper = numbers(parts, keep);
        upper[keep - 1]++;
        String lower = normalized.contains("-") ? normalized : normalized + "-dev";
        return List.of(ConstraintParser.cmp(Operator.GE, lower), ConstraintParser.cmp(Operator.LT, join(upper) + "-dev"));
    }

    private static List<Comparison> hyphen(String from, String to) {
        String lower = ComposerVersionScheme.normalize(from);
        if (!lower.contains("-")) lower += "-dev";
        String upper = ComposerVersionScheme.normalize(to);
        int given = to.replaceFirst("^[vV]", "").split("[-+@]")[0].split("\\.").length;
        if (given >= 4 || upper.contains("-")) {
            return List.of(ConstraintParser.cmp(Operator.GE, lower), ConstraintParser.cmp(Operator.LE, upper));
        }
        long[] next = numbers(upper.split("\\."), given);
        next[given - 1]++;
        return List.of(ConstraintParser.cmp(Operator.GE, lower), ConstraintParser.cmp(Operator.LT, join(next) + "-dev"));
    }

    private static long[] numbers(String[] parts, int count) {
        long[] n = new long[4];
        for (int i = 0; i < count; i++) {
            try {
                n[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not a number");
            }
        }
        return n;
    }

    private static String join(long[] n) {
        return n[0] + "." + n[1] + "." + n[2] + "." + n[3];
    }
}
