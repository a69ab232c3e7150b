package io.spyglass.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A version constraint as advisory sources write them, parsed once into a plain form: alternatives
 * (OR) of comparisons that must all hold (AND). Dialect sugar ({@code ~>}, {@code ^}, {@code ~},
 * {@code ~=}, wildcards, hyphen ranges, {@code !=1.1.*}) is expanded at parse time, so evaluation is
 * only {@code <, <=, >, >=, =, !=} under the ecosystem's {@link VersionScheme}.
 *
 * <p>Simplifications, on purpose: npm's rule that a pre-release only satisfies a comparator on the
 * same {@code x.y.z} and PEP 440's exclusion of pre-releases are not applied: an advisory range
 * covers every version between its bounds. PEP 440 {@code ===} is treated as {@code ==}.
 *
 * @param alternatives at least one; each a non-empty list of comparisons that must all hold
 * @param text the constraint as written
 */
public record VersionConstraint(List<List<Comparison>> alternatives, String text) {

    /** How a source writes its constraints. */
    public enum Dialect {
        /** RubyGems requirements: {@code ~> 1.2, >= 1.2.3} (comma = and). */
        RUBYGEMS,
        /** Composer: {@code >=1.0,<1.2}, {@code <1.2|>=2.0,<2.1}, {@code ^1.2}, {@code ~1.2}, {@code 1.2.*}. */
        COMPOSER,
        /** npm / node-semver: {@code >=1.0.0 <1.2.0 || >=2.0.0}, {@code ^1.2}, {@code ~1.2.3}, {@code 1.x}, {@code a - b}. */
        NPM,
        /** PEP 440 specifiers: {@code >=1.0,<1.2}, {@code ==1.1.*}, {@code ~=1.4.5}, {@code !=1.3}. */
        PYPI,
        /**
         * GitHub advisory ranges for any ecosystem ({@code >= 2.0-beta9, < 2.15.0}, {@code = 1.2.3}, {@code <= 0.9}):
         * plain comparisons joined by commas, versions taken verbatim for the ecosystem's scheme.
         */
        GHSA
    }

    public enum Operator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(int comparison) {
            return switch (this) {
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
            };
        }
    }

    /** One comparison such as {@code >= 1.2.3}. */
    public record Comparison(Operator op, String version) {
        public Comparison {
            Objects.requireNonNull(op, "op");
            if (version == null || version.isBlank()) throw new IllegalArgumentException("comparison " + op.symbol + " has no version");
        }

        public boolean test(VersionScheme scheme, String candidate) {
            return op.test(scheme.compare(candidate, version));
        }

        @Override
        public String toString() {
            return op.symbol + version;
        }
    }

    public VersionConstraint {
        if (alternatives == null || alternatives.isEmpty()) throw new IllegalArgumentException("constraint has no alternatives");
        List<List<Comparison>> copy = new ArrayList<>();
        for (List<Comparison> all : alternatives) {
            if (all == null || all.isEmpty()) throw new IllegalArgumentException("constraint has an empty alternative");
            copy.add(List.copyOf(all));
        }
        alternatives = List.copyOf(copy);
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses a constraint.
     *
     * @throws IllegalArgumentException naming the constraint and the part that is wrong
     */
    public static VersionConstraint parse(String text, Dialect dialect) {
        return new VersionConstraint(ConstraintParser.parse(text, dialect), text);
    }

    /**
     * True when {@code version} satisfies any alternative.
     *
     * @throws InvalidVersionException when the version or a bound cannot be parsed by the scheme
     */
    public boolean satisfiedBy(VersionScheme scheme, String version) {
        for (List<Comparison> all : alternatives) {
            if (all.stream().allMatch(c -> c.test(scheme, version))) return true;
        }
        return false;
    }

    /**
     * The same constraint as OSV-style ranges, when every alternative is {@code [>=a][<b | <=b]} or {@code =a};
     * empty when some alternative needs {@code >} or {@code !=}.
     */
    public Optional<List<VersionRange>> asRanges() {
        List<VersionRange> ranges = new ArrayList<>();
        for (List<Comparison> all : alternatives) {
            String introduced = null;
            String fixed = null;
            String last = null;
            for (Comparison c : all) {
                switch (c.op()) {
                    case GE -> { if (introduced != null) return Optional.empty(); introduced = c.version(); }
                    case LT -> { if (fixed != null || last != null) return Optional.empty(); fixed = c.version(); }
                    case LE -> { if (fixed != null || last != null) return Optional.empty(); last = c.version(); }
                    case EQ -> {
                        if (introduced != null || fixed != null || last != null || all.size() > 1) return Optional.empty();
                        introduced = c.version();
                        last = c.version();
                    }
                    default -> { return Optional.empty(); }
                }
            }
            ranges.add(new VersionRange(introduced, fixed, last, null));
        }
        return Optional.of(List.copyOf(ranges));
    }

    @Override
    public String toString() {
        return alternatives.stream()
                .map(all -> all.stream().map(Comparison::toString).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(" || "));
    }
}
