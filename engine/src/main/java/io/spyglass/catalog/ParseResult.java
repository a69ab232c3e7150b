package io.spyglass.catalog;

import java.util.List;

/** What one cataloger found in one file: packages, and problems it survived. */
public record ParseResult(List<Package> packages, List<Unknown> unknowns) {
    public static final ParseResult EMPTY = new ParseResult(List.of(), List.of());

    public ParseResult {
        packages = List.copyOf(packages);
        unknowns = List.copyOf(unknowns);
    }

    public static ParseResult of(List<Package> packages) {
        return new ParseResult(packages, List.of());
    }

    public static ParseResult unknown(String path, String message) {
        return new ParseResult(List.of(), List.of(new Unknown(path, null, message)));
    }
}
