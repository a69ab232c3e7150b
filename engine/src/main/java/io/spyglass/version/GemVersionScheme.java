package io.spyglass.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems' ordering ({@code Gem::Version#<=>}): segments are runs of digits or letters; a version with a
 * letter segment is a pre-release ({@code 1.0.a < 1.0}); {@code -} means {@code .pre.}; trailing zero
 * segments of the release part and of the pre-release part are ignored; text sorts before numbers.
 */
final class GemVersionScheme implements VersionScheme {

    // Gem::Version::ANCHORED_VERSION_PATTERN
    private static final Pattern PATTERN = Pattern.compile(
            "\\s*([0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?\\s*");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    @Override
    public String name() {
        return "gem";
    }

    @Override
    public int compare(String a, String b) {
        List<Object> x = canonicalSegments(a);
        List<Object> y = canonicalSegments(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            Object l = i < x.size() ? x.get(i) : "0";
            Object r = i < y.size() ? y.get(i) : "0";
            boolean ln = l instanceof String s && Numbers.allDigits(s);
            boolean rn = r instanceof String s && Numbers.allDigits(s);
            if (ln && rn) {
                int c = Numbers.compareDigits((String) l, (String) r);
                if (c != 0) return c;
            } else if (ln != rn) {
                return ln ? 1 : -1;
            } else {
                int c = Integer.signum(((String) l).compareTo((String) r));
                if (c != 0) return c;
            }
        }
        return 0;
    }

    /** Segments with trailing zeros dropped from the release part and from the pre-release part. */
    static List<Object> canonicalSegments(String version) {
        if (version == null) throw new InvalidVersionException("gem", null, "empty");
        if (!PATTERN.matcher(version).matches()) throw new InvalidVersionException("gem", version, "malformed version number string");
        String v = version.strip();
        if (v.isEmpty()) v = "0";
        v = v.replace("-", ".pre.");
        List<String> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(v);
        while (m.find()) segments.add(m.group());
        int firstText = 0;
        while (firstText < segments.size() && Numbers.allDigits(segments.get(firstText))) firstText++;
        List<Object> out = new ArrayList<>(dropTrailingZeros(segments.subList(0, firstText)));
        out.addAll(dropTrailingZeros(segments.subList(firstText, segments.size())));
        return out;
    }

    private static List<String> dropTrailingZeros(List<String> segments) {
        int end = segments.size();
        while (end > 0 && Numbers.allDigits(segments.get(end - 1)) && Numbers.stripZeros(segments.get(end - 1)).equals("0")) end--;
        return segments.subList(0, end);
    }

    /** True when the version has a letter segment ({@code Gem::Version#prerelease?}). */
    static boolean isPrerelease(String version) {
        return canonicalSegments(version).stream().anyMatch(s -> !Numbers.allDigits((String) s));
    }
}
