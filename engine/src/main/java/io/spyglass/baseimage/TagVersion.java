package io.spyglass.baseimage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag read as a flavour plus versions: {@code bookworm-20241111-slim} is flavour
 * {@code bookworm-#-slim} with the date 20241111; {@code 20.11.1-alpine3.19} is flavour
 * {@code #-alpine#} with 20.11.1 and 3.19. Two tags of one flavour can be ordered; tags of
 * different flavours (another distro, {@code -rc}, {@code jre} vs {@code jdk}) never are.
 *
 * <p>Why a word like {@code 3.13.0rc1} or {@code 3.21.0_alpha20240807} is kept whole: it then
 * names its own flavour, so a pre-release is never recommended in place of a release.
 */
public record TagVersion(String tag, String flavour, List<Version> versions) {
    private static final Pattern NUMBER = Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:_(\\d+))?");
    private static final Pattern DATE = Pattern.compile("((?:19|20)\\d{6})(?:\\.(\\d+))?");
    private static final Pattern EMBEDDED = Pattern.compile("([a-z]+)(\\d+(?:\\.\\d+)*)");

    public TagVersion {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(flavour, "flavour");
        versions = List.copyOf(versions);
    }

    /**
     * One version in a tag: its numeric components ({@code 21.0.5_11} is 21, 0, 5 with build 11),
     * whether it is a date stamp, and whether it stood inside a word ({@code alpine3.19}).
     */
    public record Version(List<Long> components, long build, boolean date, boolean embedded) {
        public Version {
            components = List.copyOf(components);
        }

        /** Its shape: the same shape is needed to compare ({@code 3.19} and {@code 3.19.1} are different precisions). */
        String shape() {
            // a date's ".1" is a same-day rebuild (jammy-20240911.1), so it does not change the shape
            return date ? "date" : "n" + components.size() + (build >= 0 ? "_" : "");
        }

        int compareTo(Version o) {
            for (int i = 0; i < Math.min(components.size(), o.components.size()); i++) {
                int c = Long.compare(components.get(i), o.components.get(i));
                if (c != 0) return c;
            }
            int c = Integer.compare(components.size(), o.components.size());
            return c != 0 ? c : Long.compare(build, o.build);
        }
    }

    /** Reads any tag; one without a version (latest, bookworm-slim, lts) has an empty version list. */
    public static TagVersion parse(String tag) {
        List<Version> versions = new ArrayList<>();
        List<String> shape = new ArrayList<>();
        for (String token : tag.split("-", -1)) {
            Matcher date = DATE.matcher(token);
            Matcher number = NUMBER.matcher(token);
            Matcher embedded = EMBEDDED.matcher(token);
            if (date.matches()) {
                List<Long> c = List.of(Long.parseLong(date.group(1)));
                versions.add(new Version(c, date.group(2) == null ? -1 : Long.parseLong(date.group(2)), true, false));
                shape.add("#");
            } else if (number.matches()) {
                versions.add(new Version(components(number.group(1)), number.group(2) == null ? -1 : Long.parseLong(number.group(2)), false, false));
                shape.add("#");
            } else if (embedded.matches()) {
                versions.add(new Version(components(embedded.group(2)), -1, false, true));
                shape.add(embedded.group(1) + "#");
            } else {
                shape.add(token);
            }
        }
        StringBuilder key = new StringBuilder(String.join("-", shape));
        for (Version v : versions) key.append('|').append(v.shape());
        return new TagVersion(tag, key.toString(), versions);
    }

    private static List<Long> components(String dotted) {
        List<Long> out = new ArrayList<>();
        for (String part : dotted.split("\\.")) {
            // a component longer than a long holds is no version anyone orders by
            out.add(part.length() > 18 ? Long.MAX_VALUE : Long.parseLong(part));
        }
        return out;
    }

    public boolean hasVersion() {
        return !versions.isEmpty();
    }

    /** Same flavour and shape: {@code bookworm-20240701-slim} and {@code bookworm-20241111-slim}, not {@code bookworm-20241111}. */
    public boolean sameFlavour(TagVersion other) {
        return flavour.equals(other.flavour);
    }

    /**
     * Whether this tag is an upgrade a user of {@code current} can take without changing what they
     * asked for: same flavour and shape, newer, and the same major version, as semver reads it
     * ({@code 3.19} → {@code 3.20}, {@code 20.11.1} → {@code 20.18.0}, never {@code 11.11} → {@code 12.8});
     * a one-number version moves only when it is a date ({@code node:20} never becomes
     * {@code node:22}: that tag already follows its line); a version inside a word
     * ({@code alpine3.19}) may rise but never fall.
     */
    public boolean isUpgradeOf(TagVersion current) {
        if (!sameFlavour(current) || !hasVersion()) return false;
        boolean newer = false;
        for (int i = 0; i < versions.size(); i++) {
            Version mine = versions.get(i), theirs = current.versions.get(i);
            int c = mine.compareTo(theirs);
            if (c < 0) return false;
            if (c == 0) continue;
            if (!mine.embedded && !mine.date) {
                if (!mine.components.get(0).equals(theirs.components.get(0))) return false;
            }
            newer = true;
        }
        return newer;
    }

    /** Orders tags of one flavour oldest first; only meaningful when {@link #sameFlavour} holds. */
    public int compareVersions(TagVersion other) {
        for (int i = 0; i < Math.min(versions.size(), other.versions.size()); i++) {
            int c = versions.get(i).compareTo(other.versions.get(i));
            if (c != 0) return c;
        }
        return tag.compareTo(other.tag);
    }
}
