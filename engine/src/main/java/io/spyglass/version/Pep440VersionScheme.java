package io.spyglass.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's ordering (PEP 440, as the {@code packaging} library): {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]},
 * with its normalisation (case, {@code alpha/beta/c/pre/preview}, {@code -N} as post, implicit 0s,
 * separators, a leading {@code v}). Trailing zeros of the release do not count ({@code 1.0 == 1.0.0}).
 * A dev release of a final version sorts before its pre-releases; a local version after its public one.
 * A version that is not PEP 440 ({@code 2.0.0-final}) is ordered as pip's {@code LegacyVersion} did
 * ({@link PypiLegacyVersion}), before every PEP 440 version; only a blank version is rejected.
 */
final class Pep440VersionScheme implements VersionScheme {

    // packaging.version.VERSION_PATTERN
    private static final Pattern PATTERN = Pattern.compile(
            "^\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*+)"
                    + "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?)"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*+))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** The parsed version; absent parts are null. */
    record Pep440(String epoch, List<String> release, String preLetter, String preNumber,
                  String post, String dev, List<String> local) {}

    @Override
    public String name() {
        return "pep440";
    }

    static Pep440 parse(String version) {
        if (version == null) throw new InvalidVersionException("pep440", null, "empty");
        Matcher m = PATTERN.matcher(version);
        if (!m.matches()) throw new InvalidVersionException("pep440", version, "not a PEP 440 version");
        List<String> release = new ArrayList<>(List.of(m.group("release").split("\\.")));
        while (release.size() > 1 && Numbers.stripZeros(release.get(release.size() - 1)).equals("0")) {
            release.remove(release.size() - 1);
        }
        String preLetter = null;
        String preNumber = null;
        if (m.group("pre") != null) {
            preLetter = switch (m.group("preL").toLowerCase(Locale.ROOT)) {
                case "alpha", "a" -> "a";
                case "beta", "b" -> "b";
                default -> "rc";
            };
            preNumber = m.group("preN") == null ? "0" : m.group("preN");
        }
        String post = null;
        if (m.group("post") != null) {
            post = m.group("postN1") != null ? m.group("postN1") : m.group("postN2") == null ? "0" : m.group("postN2");
        }
        String dev = m.group("dev") == null ? null : m.group("devN") == null ? "0" : m.group("devN");
        List<String> local = m.group("local") == null ? null
                : List.of(m.group("local").toLowerCase(Locale.ROOT).split("[-_.]"));
        String epoch = m.group("epoch") == null ? "0" : m.group("epoch");
        return new Pep440(epoch, List.copyOf(release), preLetter, preNumber, post, dev, local);
    }

    /** True for a PEP 440 version (not a legacy one). */
    static boolean isPep440(String version) {
        return version != null && PATTERN.matcher(version).matches();
    }

    @Override
    public int compare(String a, String b) {
        boolean x = isPep440(a);
        boolean y = isPep440(b);
        if (x && y) return compare(parse(a), parse(b));
        // packaging < 22 gave a LegacyVersion the epoch -1, so it sorts before every PEP 440 version
        if (x || y) {
            legacy(x ? b : a);
            return x ? 1 : -1;
        }
        return legacy(a).compareTo(legacy(b));
    }

    private static PypiLegacyVersion legacy(String version) {
        if (version == null || version.isBlank()) throw new InvalidVersionException("pep440", version, "empty");
        return PypiLegacyVersion.parse(version);
    }

    static int compare(Pep440 x, Pep440 y) {
        int c = Numbers.compareDigits(x.epoch, y.epoch);
        if (c != 0) return c;
        c = compareRelease(x.release, y.release);
        if (c != 0) return c;
        c = Integer.compare(preRank(x), preRank(y));
        if (c != 0) return c;
        if (x.preLetter != null) {
            c = Integer.signum(x.preLetter.compareTo(y.preLetter));
            if (c == 0) c = Numbers.compareDigits(x.preNumber, y.preNumber);
            if (c != 0) return c;
        }
        c = compareOptional(x.post, y.post, -1);
        if (c != 0) return c;
        c = compareOptional(x.dev, y.dev, 1);
        if (c != 0) return c;
        return compareLocal(x.local, y.local);
    }

    private static int compareRelease(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Numbers.compareDigits(i < a.size() ? a.get(i) : "0", i < b.size() ? b.get(i) : "0");
            if (c != 0) return c;
        }
        return 0;
    }

    /** packaging's _cmpkey: a bare dev release sorts below any pre-release, a final release above. */
    private static int preRank(Pep440 v) {
        if (v.preLetter != null) return 0;
        if (v.post == null && v.dev != null) return -1;
        return 1;
    }

    /** Compares optional numbers; {@code absent} is -1 when a missing value sorts first, 1 when last. */
    private static int compareOptional(String a, String b, int absent) {
        if (a == null && b == null) return 0;
        if (a == null) return absent;
        if (b == null) return -absent;
        return Numbers.compareDigits(a, b);
    }

    /** Local segments: numbers beat strings, strings compare as text, a longer one wins on a tie. */
    private static int compareLocal(List<String> a, List<String> b) {
        if (a == null && b == null) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean nx = Numbers.allDigits(x);
            boolean ny = Numbers.allDigits(y);
            int c = nx && ny ? Numbers.compareDigits(x, y) : nx ? 1 : ny ? -1 : Integer.signum(x.compareTo(y));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
