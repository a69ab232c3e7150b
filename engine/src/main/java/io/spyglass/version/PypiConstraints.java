package io.spyglass.version;

import io.spyglass.version.VersionConstraint.Comparison;
import io.spyglass.version.VersionConstraint.Operator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * PEP 440 version specifiers. Prefix matches become bounds: {@code ==1.1.*} is {@code >=1.1.dev0, <1.2.dev0}
 * (the lowest and the first-past versions with release prefix 1.1), {@code !=1.1.*} the two sides outside it;
 * {@code ~=1.4.5} is {@code >=1.4.5, ==1.4.*}.
 */
final class PypiConstraints {
    private PypiConstraints() {}

    /** Returns alternatives: only {@code !=X.*} splits a group in two. */
    static List<List<Comparison>> expand(List<ConstraintParser.Term> terms) {
        List<List<Comparison>> alternatives = new ArrayList<>();
        alternatives.add(new ArrayList<>());
        for (ConstraintParser.Term t : terms) {
            String v = t.version();
            boolean wildcard = v.endsWith(".*");
            String base = wildcard ? v.substring(0, v.length() - 2) : v;
            // specifiers are PEP 440 (pip's LegacySpecifier took only plain comparisons); a legacy version here is a typo
            if (!Pep440VersionScheme.isPep440(base)) throw new IllegalArgumentException("'" + v + "' is not a PEP 440 version");
            if (wildcard && !t.op().equals("==") && !t.op().equals("!=")) {
                throw new IllegalArgumentException("a '.*' suffix is only allowed with == and !=");
            }
            switch (t.op()) {
                case "~=" -> {
                    addAll(alternatives, List.of(ConstraintParser.cmp(Operator.GE, base)));
                    addAll(alternatives, prefix(releaseWithoutLast(base)));
                }
                case "==", "===", "" -> addAll(alternatives, wildcard ? prefix(base) : List.of(ConstraintParser.cmp(Operator.EQ, base)));
                case "!=" -> {
                    if (!wildcard) {
                        addAll(alternatives, List.of(ConstraintParser.cmp(Operator.NE, base)));
                    } else {
                        List<Comparison> inside = prefix(base);
                        List<List<Comparison>> split = new ArrayList<>();
                        for (List<Comparison> alt : alternatives) {
                            List<Comparison> below = new ArrayList<>(alt);
                            below.add(ConstraintParser.cmp(Operator.LT, inside.get(0).version()));
                            List<Comparison> above = new ArrayList<>(alt);
                            above.add(ConstraintParser.cmp(Operator.GE, inside.get(1).version()));
                            split.add(below);
                            split.add(above);
                        }
                        alternatives = split;
                    }
                }
                default -> addAll(alternatives, List.of(ConstraintParser.cmp(ConstraintParser.plainOperator(t.op()), base)));
            }
        }
        return alternatives;
    }

    private static void addAll(List<List<Comparison>> alternatives, List<Comparison> comparisons) {
        for (List<Comparison> alt : alternatives) alt.addAll(comparisons);
    }

    /** The written release numbers, epoch kept, without the last one: {@code 1!1.4.5} gives {@code 1!1.4}. */
    private static String releaseWithoutLast(String version) {
        String v = version.trim().replaceFirst("^[vV]", "");
        String epoch = v.contains("!") ? v.substring(0, v.indexOf('!') + 1) : "";
        String rest = v.substring(epoch.length());
        String release = rest.split("[^0-9.]")[0].replaceAll("\\.$", "");
        if (!release.contains(".")) throw new IllegalArgumentException("'~=" + version + "' needs at least two release numbers");
        return epoch + release.substring(0, release.lastIndexOf('.'));
    }

    /** {@code 1.1} as a prefix: {@code >=1.1.dev0} and {@code <1.2.dev0}. */
    private static List<Comparison> prefix(String base) {
        String v = base.trim().replaceFirst("^[vV]", "");
        String epoch = v.contains("!") ? v.substring(0, v.indexOf('!') + 1) : "";
        String release = v.substring(epoch.length());
        if (!release.matches("[0-9]+(\\.[0-9]+)*")) throw new IllegalArgumentException("prefix '" + base + ".*' must be release numbers");
        int dot = release.lastIndexOf('.');
        String last = release.substring(dot + 1);
        String next = release.substring(0, dot + 1) + new BigInteger(last).add(BigInteger.ONE);
        return List.of(ConstraintParser.cmp(Operator.GE, epoch + release + ".dev0"), ConstraintParser.cmp(Operator.LT, epoch + next + ".dev0"));
    }
}
