package io.spyglass.advisory.source;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Which URLs {@code db update} fetches per source. A properties file ({@code source = url [url…]})
 * replaces the defaults for the sources it names; a blank value turns a source off.
 */
public final class FeedConfig {
    private static final String OSV = "https://osv-vulnerabilities.storage.googleapis.com/";

    /** Public feeds of each source. NVD and Red Hat CSAF need paging or archives: configure them. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("ghsa", "https://github.com/github/advisory-database/archive/refs/heads/main.zip"),
            Map.entry("go", OSV + "Go/all.zip"),
            Map.entry("pypa", OSV + "PyPI/all.zip"),
            Map.entry("rubysec", "https://github.com/rubysec/ruby-advisory-db/archive/refs/heads/master.zip"),
            Map.entry("friendsofphp", "https://github.com/FriendsOfPHP/security-advisories/archive/refs/heads/master.zip"),
            Map.entry("alpine", "https://secdb.alpinelinux.org/v3.20/main.json https://secdb.alpinelinux.org/v3.20/community.json"),
            Map.entry("debian", "https://security-tracker.debian.org/tracker/data/json"),
            Map.entry("arch", "https://security.archlinux.org/all.json"),
            Map.entry("wolfi", "https://packages.wolfi.dev/os/security.json"),
            Map.entry("kev", "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"),
            Map.entry("epss", "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"));

    private final Map<String, List<URI>> feeds;

    private FeedConfig(Map<String, List<URI>> feeds) {
        this.feeds = feeds;
    }

    /** The defaults, overridden by {@code file} when it exists. */
    public static FeedConfig load(Path file) {
        Map<String, String> merged = new LinkedHashMap<>();
        new java.util.TreeMap<>(DEFAULTS).forEach((k, v) -> {
            if (Importers.forSource(k).isPresent()) merged.put(k, v);
        });
        if (file != null && Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new AdvisoryImportException("cannot read feed config " + file + ": " + e.getMessage(), e);
            }
            for (String k : p.stringPropertyNames()) merged.put(k.trim(), p.getProperty(k));
        }
        Map<String, List<URI>> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : merged.entrySet()) {
            if (Importers.forSource(e.getKey()).isEmpty()) {
                throw new AdvisoryImportException("feed config names unknown source '" + e.getKey() + "'");
            }
            List<URI> urls = new ArrayList<>();
            for (String u : e.getValue().trim().split("\\s+")) {
                if (!u.isBlank()) urls.add(URI.create(u));
            }
            if (!urls.isEmpty()) feeds.put(e.getKey(), urls);
        }
        return new FeedConfig(feeds);
    }

    /** Source name → URLs, in a stable order. */
    public Map<String, List<URI>> feeds() {
        return feeds;
    }
}
