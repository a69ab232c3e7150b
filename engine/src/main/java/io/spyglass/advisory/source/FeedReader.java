package io.spyglass.advisory.source;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.SourceRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The shared half of every importer: walk the input, hand each wanted file to the source's pure
 * parser, keep one record per id, and decide whether the import may be applied. Policy, the same
 * for every source: a bad record or a bad file is skipped and reported; a broken archive, or an
 * input with problems and no records at all, refuses the whole import (so a wrong path or a
 * corrupt download never replaces good data with nothing).
 */
public final class FeedReader {
    /** A source's pure parser: one file's bytes to records. */
    public interface FileParser {
        Parsed parse(String file, byte[] bytes);
    }

    private final String source;
    private final Predicate<String> wanted;
    private final FileParser parser;
    private final boolean merge;

    /** A reader that keeps one record per id (the newest) when an id repeats. */
    public FeedReader(String source, Predicate<String> wanted, FileParser parser) {
        this(source, wanted, parser, false);
    }

    /**
     * @param merge true for feeds that spread one advisory over many files (a distro tracker's
     *              per-release files): same-id advisories are then merged, their affected lists joined
     */
    public FeedReader(String source, Predicate<String> wanted, FileParser parser, boolean merge) {
        this.source = source;
        this.wanted = wanted;
        this.parser = parser;
        this.merge = merge;
    }

    public ImportResult read(List<Path> paths, String dataVersion) {
        Map<String, SourceRecord> byId = new LinkedHashMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        List<ImportProblem> problems = new ArrayList<>();
        InputFiles.Handler handler = (name, bytes) -> {
            Parsed p;
            try {
                p = parser.parse(name, bytes);
            } catch (RuntimeException e) {
                p = Parsed.failed(name, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            problems.addAll(p.problems());
            for (SourceRecord r : p.records()) {
                if (merge && r instanceof Advisory a && byId.get(a.id()) instanceof Advisory old) byId.put(a.id(), merged(old, a));
                else keep(byId, fileOf, problems, name, r);
            }
        };
        int files = 0;
        for (Path path : paths) files += InputFiles.walk(path, wanted, handler);
        String where = paths.size() == 1 ? paths.get(0).toString() : paths.toString();
        if (files == 0) throw new AdvisoryImportException("no " + source + " files found under " + where);
        if (byId.isEmpty()) {
            String first = problems.isEmpty() ? "no records in " + files + " files" : problems.get(0).toString();
            throw new AdvisoryImportException("nothing importable for " + source + " in " + where + " (" + first + ")");
        }
        return new ImportResult(source, new ArrayList<>(byId.values()), problems, files, dataVersion);
    }

    // The same id in two files (a mirror and a test fixture, two releases of one feed): keep the
    // newer by `modified`, else the later file, and say so.
    private static void keep(Map<String, SourceRecord> byId, Map<String, String> fileOf, List<ImportProblem> problems,
                             String file, SourceRecord r) {
        SourceRecord old = byId.get(r.id());
        if (old == null) {
            byId.put(r.id(), r);
            fileOf.put(r.id(), file);
            return;
        }
        if (old.equals(r)) return;
        // EPSS files are daily snapshots: a CVE in several days simply keeps its newest score
        if (old instanceof io.spyglass.advisory.EpssScore a && r instanceof io.spyglass.advisory.EpssScore b) {
            if (a.date() == null || (b.date() != null && !b.date().isBefore(a.date()))) byId.put(r.id(), r);
            return;
        }
        boolean newer = !(old instanceof Advisory a && r instanceof Advisory b) || !isBefore(b.modified(), a.modified());
        problems.add(new ImportProblem(file, r.id(), "duplicate id, also in " + fileOf.get(r.id()) + "; kept the "
                + (newer ? "one in this file" : "other")));
        if (newer) {
            byId.put(r.id(), r);
            fileOf.put(r.id(), file);
        }
    }

    static Advisory merged(Advisory a, Advisory b) {
        Advisory.Builder m = Advisory.builder(a.id(), a.source()).aliases(a.aliases()).aliases(b.aliases())
                .summary(a.summary() != null ? a.summary() : b.summary())
                .details(a.details() != null ? a.details() : b.details())
                .published(a.published() != null ? a.published() : b.published())
                .modified(latest(a.modified(), b.modified()))
                .withdrawn(a.withdrawn() != null && b.withdrawn() != null ? latest(a.withdrawn(), b.withdrawn()) : null);
        a.severities().forEach(m::severity);
        b.severities().stream().filter(r -> !a.severities().contains(r)).forEach(m::severity);
        a.references().forEach(m::reference);
        b.references().stream().filter(r -> !a.references().contains(r)).forEach(m::reference);
        a.cwes().forEach(m::cwe);
        b.cwes().forEach(m::cwe);
        a.affected().forEach(m::affected);
        b.affected().stream().filter(x -> !a.affected().contains(x)).forEach(m::affected);
        return m.build();
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }

    private static boolean isBefore(Instant a, Instant b) {
        return a != null && b != null && a.isBefore(b);
    }
}
