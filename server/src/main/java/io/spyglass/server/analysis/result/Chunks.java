package io.spyglass.server.analysis.result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits values for {@code IN (<list>)} into chunks that stay under both databases' bind-parameter limits (or into smaller units of work). */
public final class Chunks {
    static final int SIZE = 500;

    private Chunks() {}

    static <T> List<List<T>> of(Collection<T> values) {
        return of(values, SIZE);
    }

    public static <T> List<List<T>> of(Collection<T> values, int size) {
        List<T> all = List.copyOf(values);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) out.add(all.subList(i, Math.min(all.size(), i + size)));
        return out;
    }
}
