package io.spyglass.sbom;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.sbom.cyclonedx.CycloneDxSbomReader;
import io.spyglass.sbom.spdx.SpdxSbomReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an SBOM file ({@code sbom://FILE}): SPDX 2.x JSON or CycloneDX JSON, told apart by their
 * own markers ({@code spdxVersion}, {@code bomFormat}). The file is bounded in size and depth.
 */
public final class SbomFileReader {
    /** Far above real SBOMs (a large image's SPDX is a few tens of MB). */
    static final long MAX_BYTES = 512L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_BYTES).maxNestingDepth(200).build());
        JSON.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    }

    private SbomFileReader() {}

    /** The SBOM in {@code file}; an IllegalArgumentException names the file and what was wrong. */
    public static Sbom read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("SBOM file not found: " + file);
        if (Files.size(file) > MAX_BYTES) throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes");
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        String source = "sbom://" + file;
        if (root != null && root.path("@context").asText("").contains("spdx.org/rdf/3")) {
            throw new IllegalArgumentException(file + ": SPDX 3 (JSON-LD) is not supported; write SPDX 2.3 JSON");
        }
        if (root != null && SpdxSbomReader.isSpdx(root)) return SpdxSbomReader.read(root, source);
        if (root != null && CycloneDxSbomReader.isCycloneDx(root)) return CycloneDxSbomReader.read(root, source);
        throw new IllegalArgumentException(file + ": neither SPDX JSON (spdxVersion) nor CycloneDX JSON (bomFormat)");
    }
}
