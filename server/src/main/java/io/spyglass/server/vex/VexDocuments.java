package io.spyglass.server.vex;

import io.spyglass.server.store.Database;
import io.spyglass.vex.OpenVexReader;
import io.spyglass.vex.VexDocument;
import io.spyglass.vex.VexException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository's VEX documents: uploaded ones (API and Settings page) and ones pushed as OCI
 * artifacts whose subject is an image. Each change is one transaction: the document stored or
 * removed and the images it names re-evaluated (see {@link VexReevaluation}). A document that does
 * not read as OpenVEX is refused with {@link VexException} before anything is written.
 */
public final class VexDocuments {
    public static final String MEDIA_TYPE = "application/vnd.openvex+json";
    public static final int MAX_DOCUMENT = 1024 * 1024;

    private final Database db;

    public VexDocuments(Database db) {
        this.db = db;
    }

    /** A document stored or removed, and what re-evaluating its images changed. */
    public record Change(StoredVex document, int images, int findingsChanged) {}

    /** Reads a document, or throws {@link VexException} saying what is wrong with it. */
    public static VexDocument read(byte[] body) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new VexException("the document is empty");
        }
        if (body.length > MAX_DOCUMENT) throw new VexException("the document is larger than " + MAX_DOCUMENT + " bytes");
        text(body);
        return OpenVexReader.read(body);
    }

    public List<StoredVex> list(long repositoryId) {
        return db.withHandle(h -> VexStore.inForce(h, repositoryId));
    }

    /** Stores an uploaded document; one with the same {@code @id} is replaced (a changed document). */
    public Change upload(long repositoryId, byte[] body, String actor) {
        VexDocument doc = read(body);
        return db.inTransaction(h -> {
            RepositoryVex before = RepositoryVex.of(h, repositoryId);
            VexStore.uploaded(h, repositoryId, doc.id()).ifPresent(old -> VexStore.delete(h, repositoryId, old));
            long id = VexStore.insert(h, repositoryId, "upload", null, doc, text(body), actor);
            return changed(h, repositoryId, before, doc, id);
        });
    }

    /** Removes an uploaded document (a pushed one goes with its artifact); empty when the repository has no such document. */
    public Optional<Change> delete(long repositoryId, long id) {
        return db.inTransaction(h -> {
            Optional<StoredVex> gone = VexStore.inForce(h, repositoryId).stream()
                    .filter(d -> d.id() == id && d.source().equals("upload")).findFirst();
            if (gone.isEmpty()) return Optional.<Change>empty();
            RepositoryVex before = RepositoryVex.of(h, repositoryId);
            VexStore.delete(h, repositoryId, id);
            VexDocument doc = OpenVexReader.read(gone.get().body().getBytes(StandardCharsets.UTF_8));
            VexReevaluation.Outcome o = VexReevaluation.run(h, repositoryId, before, RepositoryVex.of(h, repositoryId), doc);
            return Optional.of(new Change(gone.get(), o.images(), o.changes()));
        });
    }

    /**
     * Stores a document pushed as the artifact with manifest {@code referrer}; call it once that
     * manifest is stored (the document counts only while the manifest is in the repository).
     */
    public Change pushed(long repositoryId, String referrer, VexDocument doc, byte[] body, String actor) {
        return db.inTransaction(h -> {
            RepositoryVex before = RepositoryVex.of(h, repositoryId);
            VexStore.deleteReferrer(h, repositoryId, referrer);
            long id = VexStore.insert(h, repositoryId, "referrer", referrer, doc, text(body), actor);
            return changed(h, repositoryId, before, doc, id);
        });
    }

    /** After the artifact with manifest {@code referrer} was deleted: its documents are withdrawn and their images re-evaluated. */
    public int withdrawn(long repositoryId, String referrer) {
        return db.inTransaction(h -> {
            List<String> bodies = h.createQuery("SELECT body FROM vex_documents WHERE repository_id = :r AND referrer = :m")
                    .bind("r", repositoryId).bind("m", referrer).mapTo(String.class).list();
            if (bodies.isEmpty()) return 0;
            RepositoryVex after = RepositoryVex.of(h, repositoryId);
            List<VexDocument> was = new ArrayList<>(after.documents());
            int changes = 0;
            for (String b : bodies) {
                VexDocument doc = OpenVexReader.read(b.getBytes(StandardCharsets.UTF_8));
                was.add(doc);
                changes += VexReevaluation.run(h, repositoryId, new RepositoryVex(was), after, doc).changes();
            }
            VexStore.deleteReferrer(h, repositoryId, referrer);
            return changes;
        });
    }

    private static Change changed(org.jdbi.v3.core.Handle h, long repositoryId, RepositoryVex before, VexDocument doc, long id) {
        RepositoryVex after = RepositoryVex.of(h, repositoryId);
        VexReevaluation.Outcome o = VexReevaluation.run(h, repositoryId, before, after, doc);
        StoredVex stored = VexStore.inForce(h, repositoryId).stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> new IllegalStateException("VEX document " + id + " not in force right after it was stored"));
        return new Change(stored, o.images(), o.changes());
    }

    private static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new VexException("the document is not UTF-8 text");
        }
    }
}
