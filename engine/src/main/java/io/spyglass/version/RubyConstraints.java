package io.spyglass.version;

import io.spyglass.version.VersionConstraint.Comparison;
import io.spyglass.version.VersionConstraint.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gem::Requirement: {@code = != > < >= <= ~>}; a bare version means {@code =}. */
final class RubyConstraints {
    private RubyConstraints() {}

    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    static List<Comparison> expand(List<ConstraintParser.Term> terms) {
        List<Comparison> out = new ArrayList<>();
        for (ConstraintParser.Term t : terms) {
            if (!Schemes.GEM.isValid(t.version())) throw new IllegalArgumentException("'" + t.version() + "' is not a gem version");
            if (t.op().equals("~>")) {
                out.add(ConstraintParser.cmp(Operator.GE, t.version()));
                out.add(ConstraintParser.cmp(Operator.LT, bump(t.version())));
            } else if (t.op().equals("<>") || t.op().equals("^") || t.op().equals("~") || t.op().equals("~=")) {
                throw new IllegalArgumentException("operator '" + t.op() + "' is not a RubyGems operator");
            } else {
                out.add(ConstraintParser.cmp(ConstraintParser.plainOperator(t.op()), t.version()));
            }
        }
        return out;
    }

    /** Gem::Version#bump: drop pre-release segments, drop the last segment (if more than one), add one. */
    static String bump(String version) {
        List<String> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(version.strip().replace("-", ".pre."));
        while (m.find()) segments.add(m.group());
        while (segments.stream().anyMatch(s -> !Numbers.allDigits(s))) segments.remove(segments.size() - 1);
        if (segments.size() > 1) segments.remove(segments.size() - 1);
        int last = segments.size() - 1;
        segments.set(last, new java.math.BigInteger(segments.get(last)).add(java.math.BigInteger.ONE).toString());
        return String.join(".", segments);
    }
}
