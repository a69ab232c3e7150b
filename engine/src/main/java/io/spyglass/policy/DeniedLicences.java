package io.spyglass.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * No package declares a licence on the deny list (AGPL-3.0 by default). A bare deny entry names a
 * licence family: {@code AGPL-3.0} also matches {@code AGPL-3.0-only}, {@code AGPL-3.0-or-later} and
 * {@code AGPL-3.0+}, alone or inside an expression ({@code MIT OR AGPL-3.0-only}); an entry with its
 * suffix ({@code GPL-2.0-only}) matches only that licence.
 */
final class DeniedLicences implements Policy {
    static final String DENY = "deny";

    @Override
    public String name() {
        return "no-denied-licences";
    }

    @Override
    public String title() {
        return "No denied licences";
    }

    @Override
    public Map<String, List<String>> defaults() {
        return Map.of(DENY, List.of("AGPL-3.0"));
    }

    @Override
    public void check(String name, String value) {
        if (!value.matches("[A-Za-z0-9.+-]+")) throw new IllegalArgumentException("'" + value + "' is not an SPDX licence id");
    }

    @Override
    public PolicyResult evaluate(PolicyInput input, PolicyParameters parameters) {
        Set<String> deny = parameters.get(this, DENY).stream().map(DeniedLicences::canonical).collect(Collectors.toSet());
        if (deny.isEmpty()) return PolicyResult.skipped(this, "the deny list is empty");
        Set<String> hits = new TreeSet<>();
        for (PolicyInput.PackageLicences p : input.licences()) {
            for (String expression : p.licences()) {
                for (String id : ids(expression)) {
                    if (deny.contains(canonical(id)) || deny.contains(family(id))) hits.add(p.packageName() + " (" + id + ")");
                }
            }
        }
        String list = String.join(", ", parameters.get(this, DENY));
        if (hits.isEmpty()) return PolicyResult.pass(this, "no package declares " + list);
        return PolicyResult.fail(this, hits.size() + " " + (hits.size() == 1 ? "package declares" : "packages declare")
                + " a denied licence: " + Lists.first(hits, 5));
    }

    /** The licence ids of an SPDX expression (operators and brackets dropped). */
    static List<String> ids(String expression) {
        return List.of(expression.split("[\\s()]+")).stream().filter(t -> !t.isEmpty())
                .filter(t -> !Set.of("AND", "OR", "WITH").contains(t.toUpperCase(Locale.ROOT))).toList();
    }

    /** An id in upper case, with {@code +} written as {@code -OR-LATER}. */
    static String canonical(String id) {
        String s = id.strip().toUpperCase(Locale.ROOT);
        return s.endsWith("+") ? s.substring(0, s.length() - 1) + "-OR-LATER" : s;
    }

    /** An id without its -only / -or-later / + suffix, upper case: the family a deny entry names. */
    static String family(String id) {
        String s = id.strip().toUpperCase(Locale.ROOT);
        if (s.endsWith("+")) s = s.substring(0, s.length() - 1);
        for (String suffix : List.of("-ONLY", "-OR-LATER")) {
            if (s.endsWith(suffix)) s = s.substring(0, s.length() - suffix.length());
        }
        return s;
    }
}
