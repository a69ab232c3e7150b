package io.spyglass.server.analysis.attestation;

import io.spyglass.attestation.Attestation;
import io.spyglass.attestation.AttestationException;
import io.spyglass.attestation.InTotoStatements;
import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.ImageIndex;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.json.JsonToImageTranslator;
import io.spyglass.server.analysis.image.BlobImageSource;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the BuildKit attestation manifests of a pushed index (buildkit docs/attestations/attestation-storage.md):
 * an index entry annotated {@code vnd.docker.reference.type: attestation-manifest} is an image manifest
 * whose layers are in-toto statements ({@code application/vnd.in-toto+json}) about the index entry named
 * by {@code vnd.docker.reference.digest}. Each statement is read from the blob store once (the manifest
 * is content-addressed) and stored. A statement that cannot be read is stored as unreadable with the
 * reason; it never fails the job, and the image's own analysis never waits for it.
 */
public final class IndexAttestations {
    static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
    static final String ATTESTATION_MANIFEST = "attestation-manifest";
    static final String IN_TOTO = "application/vnd.in-toto+json";
    /**
     * An SBOM statement of a large image is a few tens of MB, and it is read whole into a JSON tree:
     * far above that is listed as unreadable rather than read.
     */
    static final long MAX_STATEMENT_BYTES = 64L << 20;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IndexAttestations.class);

    private final Database db;
    private final BlobStore blobs;
    private final AttestationStore store;

    public IndexAttestations(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
        this.store = new AttestationStore(db);
    }

    /**
     * Reads and stores the attestations of the index {@code indexDigest}; nothing for an index without
     * any. Returns the image digests the index has attestations about.
     */
    public List<String> read(String indexDigest) throws IOException {
        Optional<String> mediaType = mediaType(indexDigest);
        if (mediaType.isEmpty()) return List.of(); // deleted since the push: nothing to read
        byte[] bytes = BlobImageSource.document(blobs, Digest.parse(indexDigest)); // an I/O failure is retried
        ManifestDocument doc;
        try {
            doc = JsonToImageTranslator.toManifestDocument(bytes, mediaType.get());
        } catch (RuntimeException e) {
            // the index's own analysis job reports it; its bytes never change, so a retry would not help
            log.debug("index {} cannot be read for attestations: {}", indexDigest, e.toString());
            return List.of();
        }
        if (!(doc instanceof ImageIndex index)) return List.of();
        List<String> subjects = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            if (!ATTESTATION_MANIFEST.equals(d.annotations().get(REFERENCE_TYPE))) continue;
            String subject = d.annotations().get(REFERENCE_DIGEST);
            if (subject == null) continue;
            // stored already (the index pushed to another repository too): this repository now holds them as well
            if (!subjects.contains(subject)) subjects.add(subject);
            if (store.has(d.digest().toString())) continue;
            List<AttestationStore.Statement> statements = statements(d, subject);
            store.save(d.digest().toString(), statements);
            log.debug("read {} attestation statements of {} from {}", statements.size(), subject, d.digest());
        }
        return subjects;
    }

    private List<AttestationStore.Statement> statements(Descriptor manifest, String subject) {
        List<AttestationStore.Statement> out = new ArrayList<>();
        ImageManifest m;
        try {
            ManifestDocument doc = JsonToImageTranslator.toManifestDocument(
                    BlobImageSource.document(blobs, manifest.digest()), manifest.mediaType().value());
            if (!(doc instanceof ImageManifest im)) throw new AttestationException("the attestation manifest is an index");
            m = im;
        } catch (IOException | RuntimeException e) {
            out.add(AttestationStore.Statement.unreadable("", subject, "", "attestation manifest: " + oneLine(e)));
            return out;
        }
        for (Descriptor layer : m.layers()) {
            // attestation-storage.md: any layer media type other than in-toto is to be ignored
            if (!layer.mediaType().value().equals(IN_TOTO)) continue;
            String declared = layer.annotations().getOrDefault("in-toto.io/predicate-type", "");
            try {
                Attestation a = InTotoStatements.read(statement(layer.digest()));
                out.add(AttestationStore.Statement.read(layer.digest().toString(), subject, a));
            } catch (IOException | RuntimeException e) {
                out.add(AttestationStore.Statement.unreadable(layer.digest().toString(), subject, declared, oneLine(e)));
            }
        }
        return out;
    }

    private byte[] statement(Digest digest) throws IOException {
        long size = blobs.size(digest);
        if (size > MAX_STATEMENT_BYTES) throw new AttestationException("statement larger than " + MAX_STATEMENT_BYTES + " bytes");
        try (InputStream in = blobs.open(digest, 0)) {
            return in.readNBytes((int) size);
        }
    }

    private Optional<String> mediaType(String digest) {
        return db.withHandle(h -> h.createQuery("SELECT media_type FROM manifests WHERE digest = :d LIMIT 1")
                .bind("d", digest).mapTo(String.class).findOne());
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
