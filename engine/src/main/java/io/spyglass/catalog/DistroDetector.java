package io.spyglass.catalog;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the distro of an image from its release files: {@code etc/os-release}, then
 * {@code usr/lib/os-release}, then the older per-distro files. The walker keeps these files
 * (they are small) from the final filesystem and calls {@link #detect}.
 */
public final class DistroDetector {

    /** The files read, most trusted first. */
    public static final List<String> PATHS = List.of(
            "etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version",
            "etc/redhat-release", "etc/centos-release", "etc/arch-release", "etc/lsb-release");

    /** Release files are a few hundred bytes; anything larger is not one. */
    public static final int MAX_SIZE = 64 * 1024;

    // Debian's os-release lacks VERSION_CODENAME on old releases and VERSION_ID on testing/sid
    private static final Map<String, String> DEBIAN_CODENAMES = Map.ofEntries(
            Map.entry("7", "wheezy"), Map.entry("8", "jessie"), Map.entry("9", "stretch"),
            Map.entry("10", "buster"), Map.entry("11", "bullseye"), Map.entry("12", "bookworm"),
            Map.entry("13", "trixie"), Map.entry("14", "forky"));
    private static final Pattern RELEASE_LINE = Pattern.compile("^(.*?) release ([0-9][0-9.]*)(?: \\((.*)\\))?");

    private DistroDetector() {}

    public static boolean wants(String path) {
        return PATHS.contains(path);
    }

    /** The distro, or {@link Distro#NONE}; {@code files} returns a file's bytes or null. */
    public static Distro detect(Function<String, byte[]> files) {
        for (String path : List.of("etc/os-release", "usr/lib/os-release")) {
            byte[] content = files.apply(path);
            if (content != null) {
                Distro d = fromOsRelease(text(content), files);
                if (d.isKnown()) return d;
            }
        }
        return fallback(files);
    }

    static Distro fromOsRelease(String text, Function<String, byte[]> files) {
        Map<String, String> kv = keyValues(text);
        String id = lower(kv.get("ID"));
        if (id == null) return Distro.NONE;
        String version = kv.get("VERSION_ID");
        String codename = firstNonBlank(kv.get("VERSION_CODENAME"), kv.get("UBUNTU_CODENAME"));
        if (id.equals("debian")) {
            if (version == null) version = debianVersion(files);
            if (codename == null) codename = debianCodename(kv.get("VERSION"), version);
        }
        return new Distro(id, blankToNull(version), blankToNull(codename));
    }

    private static Distro fallback(Function<String, byte[]> files) {
        byte[] alpine = files.apply("etc/alpine-release");
        if (alpine != null) return new Distro("alpine", blankToNull(text(alpine).trim()), null);
        String debian = debianVersion(files);
        if (debian != null) return new Distro("debian", debian, debianCodename(null, debian));
        for (String path : List.of("etc/centos-release", "etc/redhat-release")) {
            byte[] content = files.apply(path);
            if (content != null) {
                Distro d = fromReleaseLine(text(content).trim());
                if (d.isKnown()) return d;
            }
        }
        if (files.apply("etc/arch-release") != null) return new Distro("arch", null, null);
        byte[] lsb = files.apply("etc/lsb-release");
        if (lsb != null) {
            Map<String, String> kv = keyValues(text(lsb));
            String id = lower(kv.get("DISTRIB_ID"));
            if (id != null) return new Distro(id, blankToNull(kv.get("DISTRIB_RELEASE")), blankToNull(kv.get("DISTRIB_CODENAME")));
        }
        return Distro.NONE;
    }

    /** "CentOS Linux release 7.9.2009 (Core)", "Rocky Linux release 9.2 (Blue Onyx)", … */
    static Distro fromReleaseLine(String line) {
        Matcher m = RELEASE_LINE.matcher(line);
        if (!m.find()) return Distro.NONE;
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String id = name.startsWith("centos") ? "centos"
                : name.startsWith("rocky") ? "rocky"
                : name.startsWith("almalinux") ? "almalinux"
                : name.startsWith("fedora") ? "fedora"
                : name.startsWith("oracle") ? "ol"
                : name.startsWith("red hat") ? "rhel" : null;
        if (id == null) return Distro.NONE;
        String version = m.group(2);
        // os-release gives CentOS 7 as "7"; keep the same form so purls agree whichever file was read
        if (id.equals("centos") && version.indexOf('.') > 0) version = version.substring(0, version.indexOf('.'));
        return new Distro(id, version, null);
    }

    private static String debianVersion(Function<String, byte[]> files) {
        byte[] content = files.apply("etc/debian_version");
        if (content == null) return null;
        String v = text(content).trim();
        // "12.7" -> "12"; testing says "trixie/sid", which is no version id
        Matcher m = Pattern.compile("^([0-9]+)").matcher(v);
        return m.find() ? m.group(1) : null;
    }

    private static String debianCodename(String version, String versionId) {
        if (version != null) {
            Matcher m = Pattern.compile("\\(([a-z]+)\\)").matcher(version);
            if (m.find()) return m.group(1);
        }
        return versionId == null ? null : DEBIAN_CODENAMES.get(versionId.split("\\.")[0]);
    }

    /** Shell-style KEY=VALUE lines, quotes removed (os-release(5)). */
    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\\R")) {
            line = line.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) continue;
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
            }
            out.put(line.substring(0, eq).strip(), value);
        }
        return out;
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
