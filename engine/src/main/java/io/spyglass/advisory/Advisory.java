package io.spyglass.advisory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One source's record of one vulnerability, normalised. {@code source} is the importer that read
 * it ({@code osv}, {@code ghsa}, {@code debian}, …); {@code id} is the source's id (GHSA-…, DSA-…,
 * CVE-… for distro trackers). {@code aliases} never contains the id itself. A withdrawn advisory
 * stays in the store (so the change set can say so) but must not match.
 */
public record Advisory(String id, String source, List<String> aliases, String summary, String details,
                       Instant published, Instant modified, Instant withdrawn, List<Rating> severities,
                       List<Reference> references, List<String> cwes, List<Affected> affected)
        implements SourceRecord {
    public Advisory {
        if (id == null || id.isBlank()) throw new InvalidAdvisoryException("advisory without an id");
        if (source == null || source.isBlank()) throw new InvalidAdvisoryException("advisory " + id + " without a source");
        id = id.trim();
        Set<String> distinct = new LinkedHashSet<>();
        if (aliases != null) {
            for (String a : aliases) {
                if (a != null && !a.isBlank() && !a.trim().equals(id)) distinct.add(a.trim());
            }
        }
        aliases = List.copyOf(distinct);
        summary = summary == null || summary.isBlank() ? null : summary.strip();
        details = details == null || details.isBlank() ? null : details.strip();
        // repeats (one CVE in two AVGs, two DSAs) say nothing new
        severities = severities == null ? List.of() : List.copyOf(new LinkedHashSet<>(severities));
        references = references == null ? List.of() : List.copyOf(new LinkedHashSet<>(references));
        cwes = cwes == null ? List.of() : List.copyOf(new LinkedHashSet<>(cwes));
        affected = affected == null ? List.of() : List.copyOf(new LinkedHashSet<>(affected));
    }

    public boolean isWithdrawn() {
        return withdrawn != null;
    }

    /** The id followed by the aliases: every name this record answers to. */
    public List<String> allIds() {
        List<String> all = new ArrayList<>(aliases.size() + 1);
        all.add(id);
        all.addAll(aliases);
        return all;
    }

    /** A builder, since most sources fill the fields one by one. */
    public static Builder builder(String id, String source) {
        return new Builder(id, source);
    }

    public static final class Builder {
        private final String id;
        private final String source;
        private final List<String> aliases = new ArrayList<>();
        private final List<Rating> severities = new ArrayList<>();
        private final List<Reference> references = new ArrayList<>();
        private final List<String> cwes = new ArrayList<>();
        private final List<Affected> affected = new ArrayList<>();
        private String summary;
        private String details;
        private Instant published;
        private Instant modified;
        private Instant withdrawn;

        private Builder(String id, String source) {
            this.id = id;
            this.source = source;
        }

        public Builder alias(String a) { if (a != null) aliases.add(a); return this; }
        public Builder aliases(List<String> a) { if (a != null) aliases.addAll(a); return this; }
        public Builder summary(String s) { summary = s; return this; }
        public Builder details(String d) { details = d; return this; }
        public Builder published(Instant t) { published = t; return this; }
        public Builder modified(Instant t) { modified = t; return this; }
        public Builder withdrawn(Instant t) { withdrawn = t; return this; }
        public Builder severity(Rating r) { if (r != null) severities.add(r); return this; }
        public Builder reference(Reference r) { if (r != null) references.add(r); return this; }
        public Builder reference(String type, String url) { if (url != null && !url.isBlank()) references.add(new Reference(type, url)); return this; }
        public Builder cwe(String c) { if (c != null && !c.isBlank()) cwes.add(c.trim()); return this; }
        public Builder affected(Affected a) { affected.add(a); return this; }

        public Advisory build() {
            return new Advisory(id, source, aliases, summary, details, published, modified, withdrawn,
                    severities, references, cwes, affected);
        }
    }
}
