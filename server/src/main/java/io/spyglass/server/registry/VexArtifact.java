package io.spyglass.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.image.Digest;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.ManifestRecord;
import io.spyglass.server.vex.VexDocuments;
import io.spyglass.vex.VexDocument;
import io.spyglass.vex.VexException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An OpenVEX document pushed as an OCI artifact about an image: an image manifest with a
 * {@code subject} whose artifact type (or config media type) is {@code application/vnd.openvex+json},
 * or which has a layer of that media type. Its document is read when the manifest is pushed; a
 * document that is not OpenVEX refuses the manifest, so nothing is stored.
 */
final class VexArtifact {
    /** The document as read and its bytes (stored as they came). */
    record Pushed(VexDocument document, byte[] body) {}

    private VexArtifact() {}

    /** The pushed document, or empty when this manifest is no VEX artifact (or its blob is not here: the store says so). */
    static Optional<Pushed> read(RegistryServices s, Repository repo, byte[] manifest, ManifestRecord record) throws IOException {
        if (record.subjectDigest() == null || record.configDigest() == null) return Optional.empty();
        Digest blob = documentBlob(manifest, VexDocuments.MEDIA_TYPE.equals(record.artifactType()));
        if (blob == null || s.blobIndex.sizeIn(repo.id(), blob.toString()).isEmpty()) return Optional.empty();
        byte[] body;
        try (InputStream in = s.blobs.open(blob, 0)) {
            body = in.readNBytes(VexDocuments.MAX_DOCUMENT + 1);
        }
        try {
            return Optional.of(new Pushed(VexDocuments.read(body), body));
        } catch (VexException e) {
            throw new RegistryException(OciErrorCode.MANIFEST_INVALID, "the OpenVEX document " + blob + " is refused: " + e.getMessage());
        }
    }

    /** The layer holding the document: the one of the OpenVEX media type, else an OpenVEX artifact's only layer. */
    private static Digest documentBlob(byte[] manifest, boolean vexArtifact) throws IOException {
        JsonNode layers = ManifestParser.JSON.readTree(manifest).path("layers");
        for (JsonNode l : layers) {
            if (VexDocuments.MEDIA_TYPE.equals(l.path("mediaType").asText())) return RegistryServices.digest(l.path("digest").asText());
        }
        if (!vexArtifact) return null;
        if (layers.size() != 1) {
            throw new RegistryException(OciErrorCode.MANIFEST_INVALID, "an OpenVEX artifact needs exactly one layer holding the "
                    + "document (or a layer of media type " + VexDocuments.MEDIA_TYPE + "); this one has " + layers.size());
        }
        return RegistryServices.digest(layers.get(0).path("digest").asText());
    }
}
