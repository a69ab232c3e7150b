package io.spyglass.server.store.blob;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where an S3-compatible blob store lives, parsed from {@code --blob-store}:
 * {@code s3://bucket?endpoint=http://127.0.0.1:9000&region=us-east-1&prefix=spyglass}.
 * Credentials are not part of it: they come from the environment (AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY, system properties, profiles — the SDK's default chain).
 *
 * @param endpoint null for AWS itself
 * @param prefix key prefix inside the bucket, without leading or trailing slash; empty for none
 */
public record S3Config(String bucket, URI endpoint, String region, String prefix) {
    private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "prefix");

    public S3Config {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.\\-_]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("S3 bucket name is missing or invalid: " + bucket);
        }
        if (endpoint != null && !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint != null && endpoint.getHost() == null) {
            throw new IllegalArgumentException("S3 endpoint must be an http(s) URL with a host: " + endpoint);
        }
        region = region == null || region.isBlank() ? "us-east-1" : region;
        prefix = prefix == null ? "" : trimSlashes(prefix);
    }

    /** Parses {@code s3://bucket[/prefix][?endpoint=…&region=…&prefix=…]}. */
    public static S3Config parse(URI uri) {
        if (!"s3".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not an s3:// blob store URI: " + uri);
        }
        Map<String, String> query = query(uri);
        String endpoint = query.get("endpoint");
        String prefix = query.getOrDefault("prefix", uri.getPath());
        try {
            return new S3Config(uri.getAuthority(), endpoint == null ? null : new URI(endpoint),
                    query.get("region"), prefix);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("S3 endpoint is not a URL: " + endpoint, e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!PARAMETERS.contains(key)) {
                throw new IllegalArgumentException("unknown S3 blob store parameter '" + key
                        + "' in " + uri + " (known: endpoint, region, prefix)");
            }
            out.put(key, value);
        }
        return out;
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') start++;
        while (end > start && s.charAt(end - 1) == '/') end--;
        return s.substring(start, end);
    }
}
