package io.spyglass.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reading a cataloged file's content with bounds. The walker owns the stream, so nothing here
 * closes it (Jackson's AUTO_CLOSE_SOURCE is off); and a manifest is never allowed to grow past
 * {@link #MAX_TEXT_BYTES}, so a hostile multi-gigabyte "package-lock.json" cannot exhaust the heap.
 */
public final class FileContent {
    /** Largest manifest or lock file read into memory (real lock files reach a few MB). */
    public static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_TEXT_BYTES).maxNestingDepth(200).build();
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .streamReadConstraints(LIMITS).build()));

    private static final ObjectMapper TOML = configure(new com.fasterxml.jackson.dataformat.toml.TomlMapper(
            com.fasterxml.jackson.dataformat.toml.TomlFactory.builder().streamReadConstraints(LIMITS).build()));

    private FileContent() {}

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(LIMITS);
        mapper.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    /** Parses JSON; a missing document (empty file) is an error, as is anything malformed. */
    public static JsonNode json(InputStream in) throws IOException {
        JsonNode node = JSON.readTree(in);
        if (node == null || node.isMissingNode()) throw new MalformedContentException("empty file");
        return node;
    }

    /** Parses one YAML document (Jackson's SnakeYAML engine refuses aliases bombs by default). */
    public static JsonNode yaml(String text) throws IOException {
        JsonNode node = YAML.readTree(text);
        return node == null ? JSON.missingNode() : node;
    }

    /** Parses TOML (pdm.lock and similar). */
    public static JsonNode toml(String text) throws IOException {
        return TOML.readTree(text);
    }

    /** Every document of a multi-document YAML stream ({@code ---} separated). */
    public static java.util.List<JsonNode> yamlDocuments(String text) throws IOException {
        java.util.List<JsonNode> docs = new java.util.ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (it.hasNextValue()) docs.add(it.nextValue());
        }
        return docs;
    }

    /** The whole file as UTF-8 text, at most {@code maxBytes}; longer is an error naming the limit. */
    public static String text(InputStream in, int maxBytes) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new MalformedContentException("larger than " + maxBytes + " bytes; not read");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static String text(InputStream in) throws IOException {
        return text(in, MAX_TEXT_BYTES);
    }

    /** A parser body that may fail on bad content. */
    @FunctionalInterface
    public interface Body {
        ParseResult run() throws IOException;
    }

    /**
     * Runs a parser, turning bad content (malformed JSON/YAML/XML, over-long file, bad value) into an
     * {@link Unknown} naming the file. Other I/O failures (the layer stream broke) still propagate.
     */
    public static ParseResult guard(FileEntry entry, Body body) throws IOException {
        try {
            return body.run();
        } catch (com.fasterxml.jackson.core.JacksonException | MalformedContentException | IllegalArgumentException
                 | IllegalStateException | ClassCastException e) {
            return ParseResult.unknown(entry.path(), "cannot parse: " + ParseProblem.describe(e));
        }
    }

    /** Bad content (as opposed to a failing stream): catalogers turn it into an {@link Unknown}. */
    public static final class MalformedContentException extends IOException {
        public MalformedContentException(String message) {
            super(message);
        }
    }
}
