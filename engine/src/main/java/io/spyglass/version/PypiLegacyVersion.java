package io.spyglass.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PyPI version that is not PEP 440 ({@code 2.0.0-final}, {@code 0.4.0-p1}, {@code 2019-09-12}), ordered as
 * pip did before packaging 22 removed {@code packaging.version.LegacyVersion}: by {@code _legacy_cmpkey}
 * (setuptools' old {@code parse_version}), and before every PEP 440 version (its epoch is -1). Such versions
 * are still on PyPI and in advisories, so they are ordered the way pip installed them, not rejected.
 *
 * @param key the parts of {@code _legacy_cmpkey}: numbers zero-padded to 8, words prefixed with {@code *}
 */
record PypiLegacyVersion(List<String> key) {

    // packaging 21.3 _legacy_version_component_re, used with re.split (the pieces between matches are kept)
    private static final Pattern COMPONENT = Pattern.compile("\\d+|[a-z]+|\\.|-");
    private static final Map<String, String> REPLACEMENTS = Map.of(
            "pre", "c", "preview", "c", "-", "final-", "rc", "c", "dev", "@");

    PypiLegacyVersion {
        key = List.copyOf(key);
    }

    static PypiLegacyVersion parse(String version) {
        List<String> parts = new ArrayList<>();
        for (String part : parts(version.toLowerCase(Locale.ROOT))) {
            if (part.startsWith("*")) {
                // remove "-" before a pre-release tag
                if (part.compareTo("*final") < 0) {
                    while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("*final-")) parts.remove(parts.size() - 1);
                }
                // remove trailing zeros from each series of numeric parts
                while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("00000000")) parts.remove(parts.size() - 1);
            }
            parts.add(part);
        }
        return new PypiLegacyVersion(parts);
    }

    /** {@code _parse_version_parts}: split, map, drop empties and dots, pad numbers, mark words, end with *final. */
    private static List<String> parts(String s) {
        List<String> pieces = new ArrayList<>();
        Matcher m = COMPONENT.matcher(s);
        int last = 0;
        while (m.find()) {
            pieces.add(s.substring(last, m.start()));
            pieces.add(m.group());
            last = m.end();
        }
        pieces.add(s.substring(last));
        List<String> out = new ArrayList<>();
        for (String piece : pieces) {
            String part = REPLACEMENTS.getOrDefault(piece, piece);
            if (part.isEmpty() || part.equals(".")) continue;
            if (Numbers.isDigit(part.charAt(0))) out.add(part.length() >= 8 ? part : "0".repeat(8 - part.length()) + part);
            else out.add("*" + part);
        }
        out.add("*final");
        return out;
    }

    /** Python tuple order over the key's strings (a prefix sorts first). */
    int compareTo(PypiLegacyVersion other) {
        for (int i = 0; i < Math.min(key.size(), other.key.size()); i++) {
            int c = key.get(i).compareTo(other.key.get(i));
            if (c != 0) return Integer.signum(c);
        }
        return Integer.compare(key.size(), other.key.size());
    }
}
