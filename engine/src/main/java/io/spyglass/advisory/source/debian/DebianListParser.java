package io.spyglass.advisory.source.debian;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.Namespaces;
import io.spyglass.advisory.source.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The security tracker's DSA/DLA/DTSA list files ({@code data/DSA/list}):
 * <pre>
 * [29 Mar 2023] DSA-5380-1 xorg-server - security update
 *     {CVE-2023-1393}
 *     [bullseye] - xorg-server 2:1.20.11-1+deb11u6
 *     [lenny] - vlc &lt;not-affected&gt; (Vulnerable code not present)
 * </pre>
 * Each CVE becomes an advisory of source {@code debian} (the DSA is a reference, not an alias: one
 * DSA fixes several vulnerabilities); a DSA without CVEs keeps its own id.
 */
public final class DebianListParser {
    private static final Pattern HEAD = Pattern.compile("^\\[([^\\]]+)\\] ((?:DSA|DLA|DTSA)-[\\w-]+) (.*)$");
    private static final Pattern FIX = Pattern.compile("^\\s+\\[([a-z]+)\\] - (\\S+)\\s+(\\S+)?\\s*(?:\\((.*)\\))?\\s*$");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    // the DTSA list writes "August 26th, 2005"
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private DebianListParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        Map<String, Advisory.Builder> byId = new LinkedHashMap<>();
        Entry entry = null;
        int lineNo = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            lineNo++;
            Matcher head = HEAD.matcher(line);
            if (head.matches()) {
                if (entry != null) entry.emit(byId, out);
                entry = new Entry(head.group(2), head.group(3), head.group(1));
            } else if (entry != null && line.trim().startsWith("{")) {
                for (String id : line.trim().replaceAll("[{}]", " ").trim().split("\\s+")) {
                    if (!id.isEmpty()) entry.cves.add(id);
                }
            } else if (entry != null && line.trim().startsWith("[")) {
                Matcher fix = FIX.matcher(line);
                if (fix.matches()) entry.fixes.add(new String[] {fix.group(1), fix.group(2), fix.group(3), fix.group(4)});
                else out.problem(entry.id, "line " + lineNo + " unreadable: " + line.trim());
            } else if (entry == null && !line.isBlank()) {
                out.problem(null, "line " + lineNo + " outside an entry: " + line.trim());
            }
        }
        if (entry != null) entry.emit(byId, out);
        if (byId.isEmpty()) return Parsed.failed(file, "not a tracker DSA/DLA list (no [date] DSA-… entries)");
        byId.forEach((id, b) -> {
            // one unusable record (an id of control characters, say) is a problem of the file, not the end of it
            try {
                out.add(b.build());
            } catch (InvalidAdvisoryException e) {
                out.problem(id, e.getMessage());
            }
        });
        return out.done();
    }

    private static final class Entry {
        final String id;
        final String title;
        final String date;
        final List<String> cves = new ArrayList<>();
        final List<String[]> fixes = new ArrayList<>();

        Entry(String id, String title, String date) {
            this.id = id;
            this.title = title;
            this.date = date;
        }

        void emit(Map<String, Advisory.Builder> byId, Parsed.Collector out) {
            List<Affected> affected = new ArrayList<>();
            for (String[] f : fixes) {
                try {
                    affected.add(affected(f));
                } catch (InvalidAdvisoryException e) {
                    out.problem(id, e.getMessage());
                }
            }
            List<String> ids = cves.isEmpty() ? List.of(id) : cves;
            for (String cve : ids) {
                Advisory.Builder b = byId.computeIfAbsent(cve, k -> Advisory.builder(k, "debian"));
                b.summary(title).reference("ADVISORY", "https://security-tracker.debian.org/tracker/" + id);
                LocalDate day = date(date);
                if (day != null) b.published(day.atStartOfDay(ZoneOffset.UTC).toInstant());
                else out.problem(id, "bad date '" + date + "'");
                affected.forEach(b::affected);
            }
        }

        private static LocalDate date(String text) {
            try {
                return LocalDate.parse(text, DATE);
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(text.replaceAll("(\\d)(st|nd|rd|th),", "$1,"), LONG_DATE);
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        }

        private static Affected affected(String[] f) {
            String namespace = Namespaces.distro("debian", f[0]);
            String pkg = f[1];
            String version = f[2];
            String note = f[3];
            if (version == null) throw new InvalidAdvisoryException("no version or state for " + pkg + " in " + f[0]);
            return switch (version) {
                case "<not-affected>" -> Affected.notAffected(namespace, pkg, note);
                case "<unfixed>", "<postponed>", "<undetermined>" -> Affected.unfixed(namespace, pkg, AffectedStatus.AFFECTED, note);
                case "<no-dsa>", "<ignored>", "<end-of-life>", "<removed>" -> Affected.unfixed(namespace, pkg, AffectedStatus.WILL_NOT_FIX,
                        note == null ? version : version + " " + note);
                default -> {
                    if (version.startsWith("<")) throw new InvalidAdvisoryException("unknown state " + version + " for " + pkg);
                    yield Affected.fixedIn(namespace, pkg, version);
                }
            };
        }
    }
}
