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
import java.util.TreeMap;

/**
 * Which URLs {@code db update} fetches per source. A properties file ({@code source = url [url…]})
 * replaces the defaults for the sources it names; a blank value turns a source off. Two keys are
 * not sources: {@code mirror} (a base URL every feed is read from instead of its upstream host) and
 * {@code nvd.api-key} (the NVD API key; the environment's {@value #NVD_KEY_ENV} wins).
 */
public final class FeedConfig {
    public static final String NVD_KEY_ENV = "SPYGLASS_NVD_API_KEY";
    static final String MIRROR_KEY = "mirror";
    static final String NVD_KEY = "nvd.api-key";

    private static final String OSV = "https://osv-vulnerabilities.storage.googleapis.com/";

    /**
     * The real upstream of every source. A URL ending in {@code /} is a folder the source's fetcher
     * reads itself: Alpine's secdb index (every branch it lists), Red Hat's VEX folder (archive named by
     * {@code archive_latest.txt} + {@code changes.csv}); the NVD URL is its paged CVE API.
     */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            // osv.dev exports GitHub's advisories per ecosystem; these are the ecosystems Namespaces maps
            Map.entry("ghsa", osv("npm", "Maven", "NuGet", "RubyGems", "Packagist", "crates.io", "GitHub Actions",
                    "Pub", "Hex")),
            Map.entry("go", osv("Go")),
            Map.entry("pypa", osv("PyPI")),
            Map.entry("ubuntu", osv("Ubuntu")),
            Map.entry("rubysec", "https://github.com/rubysec/ruby-advisory-db/archive/refs/heads/master.zip"),
            Map.entry("friendsofphp", "https://github.com/FriendsOfPHP/security-advisories/archive/refs/heads/master.zip"),
            Map.entry("alpine", "https://secdb.alpinelinux.org/"),
            Map.entry("debian", "https://security-tracker.debian.org/tracker/data/json"),
            Map.entry("arch", "https://security.archlinux.org/all.json"),
            Map.entry("wolfi", "https://packages.wolfi.dev/os/security.json"),
            Map.entry("chainguard", "https://packages.cgr.dev/chainguard/security.json"),
            Map.entry("redhat-csaf", "https://security.access.redhat.com/data/csaf/v2/vex/"),
            Map.entry("nvd", "https://services.nvd.nist.gov/rest/json/cves/2.0"),
            Map.entry("kev", "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"),
            Map.entry("epss", "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"));

    private final Map<String, List<URI>> feeds;
    private final String nvdApiKey;

    private FeedConfig(Map<String, List<URI>> feeds, String nvdApiKey) {
        this.feeds = feeds;
        this.nvdApiKey = nvdApiKey;
    }

    private static String osv(String... ecosystems) {
        List<String> urls = new ArrayList<>();
        for (String e : ecosystems) urls.add(OSV + e.replace(" ", "%20") + "/all.zip");
        return String.join(" ", urls);
    }

    /** The defaults, overridden by {@code file} when it exists. */
    public static FeedConfig load(Path file) {
        return load(file, null, System.getenv(NVD_KEY_ENV));
    }

    /**
     * @param mirror    a base URL that replaces every feed's host ({@code https://HOST/PATH} is read from
     *                  {@code MIRROR/HOST/PATH}), or null for the file's {@code mirror}, else upstream
     * @param nvdApiKey the NVD API key from the environment, or null for the file's
     */
    public static FeedConfig load(Path file, URI mirror, String nvdApiKey) {
        Map<String, String> merged = new LinkedHashMap<>();
        new TreeMap<>(DEFAULTS).forEach((k, v) -> {
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
        String fileMirror = merged.remove(MIRROR_KEY);
        String fileKey = merged.remove(NVD_KEY);
        if (mirror == null && fileMirror != null && !fileMirror.isBlank()) mirror = uri(MIRROR_KEY, fileMirror.trim());
        Map<String, List<URI>> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : merged.entrySet()) {
            if (Importers.forSource(e.getKey()).isEmpty()) {
                throw new AdvisoryImportException("feed config names unknown source '" + e.getKey() + "'");
            }
            List<URI> urls = new ArrayList<>();
            for (String u : e.getValue().trim().split("\\s+")) {
                if (!u.isBlank()) urls.add(mirrored(mirror, uri(e.getKey(), u)));
            }
            if (!urls.isEmpty()) feeds.put(e.getKey(), List.copyOf(urls));
        }
        String key = nvdApiKey != null && !nvdApiKey.isBlank() ? nvdApiKey.trim()
                : fileKey != null && !fileKey.isBlank() ? fileKey.trim() : null;
        return new FeedConfig(feeds, key);
    }

    private static URI uri(String key, String text) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
                throw new AdvisoryImportException("feed config: " + key + " is not an http(s) URL: " + text);
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new AdvisoryImportException("feed config: " + key + " is not a URL: " + text, e);
        }
    }

    /** {@code https://HOST/PATH?Q} read from a mirror: {@code MIRROR/HOST/PATH?Q}. */
    static URI mirrored(URI mirror, URI url) {
        if (mirror == null) return url;
        String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
        String rest = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(base + url.getHost() + rest + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /** Source name → URLs, in a stable order. */
    public Map<String, List<URI>> feeds() {
        return feeds;
    }

    /** The NVD API key, or null; sent only as the {@code apiKey} header, never logged. */
    public String nvdApiKey() {
        return nvdApiKey;
    }

    @Override
    public String toString() {
        return "FeedConfig" + feeds.keySet() + (nvdApiKey == null ? "" : " (NVD API key set)");
    }
}
