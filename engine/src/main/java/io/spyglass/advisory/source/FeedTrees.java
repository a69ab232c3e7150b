package io.spyglass.advisory.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads a feed file as a json tree, JSON or YAML by its name; a syntax error names the file. */
public final class FeedTrees {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 << 20);
        YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    private FeedTrees() {}

    public static boolean isYaml(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".yaml") || f.endsWith(".yml");
    }

    /** The tree, or throws {@link IllegalArgumentException} with a message fit for an import problem. */
    public static JsonNode read(String file, byte[] bytes) {
        boolean yaml = isYaml(file);
        try {
            JsonNode n = (yaml ? YAML : JSON).readTree(bytes);
            if (n == null || n.isMissingNode()) throw new IllegalArgumentException("empty file");
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + io.spyglass.catalog.ParseProblem.describe(e), e);
        }
    }

    /** A text field, or null when absent, null or blank. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) return null;
        String t = v.asText().trim();
        return t.isEmpty() ? null : t;
    }
}
