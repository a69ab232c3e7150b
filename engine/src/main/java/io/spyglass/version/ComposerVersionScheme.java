package io.spyglass.version;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer's ordering: a version is first normalised as Composer's {@code VersionParser::normalize} does
 * ({@code v1.2} → {@code 1.2.0.0}, {@code 1.0a1} → {@code 1.0.0.0-alpha1}, {@code 1.0pl2} → {@code 1.0.0.0-patch2},
 * {@code 1.x-dev} → {@code 1.9999999.9999999.9999999-dev}), then compared with PHP's {@code version_compare}
 * ({@code dev < alpha = a < beta = b < RC = rc < (number) < patch = pl = p}).
 * A version Composer cannot normalise ({@code 4.3-2RC1}, {@code 2.0.0-final}, {@code 1.5.1.dev100}) is compared
 * as it is written by {@code version_compare}, which orders any string (Composer's own
 * {@code Comparator} calls it on raw strings too). Branch versions ({@code dev-main}) have no order: they equal
 * only themselves, as in Composer's constraint matching ({@code Constraint::versionCompare} without
 * {@code compareBranches}).
 */
final class ComposerVersionScheme implements VersionScheme {

    private static final String MODIFIER = "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
    private static final Pattern CLASSIC = Pattern.compile(
            "v?(\\d{1,5}+)(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER, Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile(
            "v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})" + MODIFIER, Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS = Pattern.compile("^([^,\\s]++) ++as ++([^,\\s]++)$");
    private static final Pattern BUILD = Pattern.compile("^([^,\\s+]++)\\+[^\\s]++$");
    private static final Pattern STABILITY_FLAG = Pattern.compile("@(?:stable|RC|beta|alpha|dev)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEV_BRANCH = Pattern.compile("(.*?)[.-]?dev", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC_BRANCH = Pattern.compile(
            "v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "composer";
    }

    @Override
    public int compare(String a, String b) {
        String x = normalizeOrAsWritten(a);
        String y = normalizeOrAsWritten(b);
        if (x.startsWith("dev-") || y.startsWith("dev-")) {
            if (x.equals(y)) return 0;
            throw new InvalidVersionException("composer", x.startsWith("dev-") ? a : b,
                    "a branch has no order against another version");
        }
        return PhpVersionCompare.compare(x, y);
    }

    private static String normalizeOrAsWritten(String version) {
        try {
            return normalize(version);
        } catch (InvalidVersionException e) {
            if (version == null || version.isBlank()) throw e;
            return version.trim();
        }
    }

    /** Composer's VersionParser::normalize. */
    static String normalize(String version) {
        if (version == null || version.isBlank()) throw new InvalidVersionException("composer", version, "empty");
        String v = version.trim();
        Matcher alias = ALIAS.matcher(v);
        if (alias.matches()) v = alias.group(1);
        Matcher flag = STABILITY_FLAG.matcher(v);
        if (flag.find()) v = v.substring(0, flag.start());
        if (v.equals("master") || v.equals("trunk") || v.equals("default")) v = "dev-" + v;
        if (v.regionMatches(true, 0, "dev-", 0, 4)) return "dev-" + v.substring(4);
        Matcher build = BUILD.matcher(v);
        if (build.matches()) v = build.group(1);
        Matcher m = CLASSIC.matcher(v);
        if (m.matches()) {
            String n = m.group(1) + orZero(m.group(2)) + orZero(m.group(3)) + orZero(m.group(4));
            return withModifiers(n, m, 5);
        }
        m = DATE.matcher(v);
        if (m.matches()) return withModifiers(m.group(1).replaceAll("\\D", "."), m, 2);
        Matcher dev = DEV_BRANCH.matcher(v);
        if (dev.matches()) {
            String branch = normalizeBranch(dev.group(1));
            if (!branch.contains("dev-")) return branch;
        }
        throw new InvalidVersionException("composer", version, "not a version Composer can normalise");
    }

    private static String orZero(String part) {
        return part == null || part.isEmpty() ? ".0" : part;
    }

    private static String withModifiers(String version, Matcher m, int index) {
        String v = version;
        String stability = m.group(index);
        if (stability != null && !stability.isEmpty()) {
            if (stability.equals("stable")) return v;
            String number = m.group(index + 1) == null ? "" : m.group(index + 1).replaceFirst("^[.-]+", "");
            v += "-" + expandStability(stability) + number;
        }
        if (m.group(index + 2) != null && !m.group(index + 2).isEmpty()) v += "-dev";
        return v;
    }

    private static String expandStability(String stability) {
        String s = stability.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "a" -> "alpha";
            case "b" -> "beta";
            case "p", "pl" -> "patch";
            case "rc" -> "RC";
            default -> s;
        };
    }

    private static String normalizeBranch(String name) {
        Matcher m = NUMERIC_BRANCH.matcher(name.trim());
        if (!m.matches()) return "dev-" + name;
        StringBuilder v = new StringBuilder();
        for (int i = 1; i < 5; i++) {
            v.append(m.group(i) == null ? ".x" : m.group(i).replace('*', 'x').replace('X', 'x'));
        }
        return v.toString().replace("x", "9999999") + "-dev";
    }
}
