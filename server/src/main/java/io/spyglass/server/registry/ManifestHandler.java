package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.image.Digest;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.ManifestRecord;
import io.spyglass.server.store.ManifestStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code PUT/GET/HEAD/DELETE /v2/<name>/manifests/<tag or digest>}. */
final class ManifestHandler {
    static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    private final RegistryServices s;

    ManifestHandler(RegistryServices s) {
        this.s = s;
    }

    void put(Context ctx, Route.Match m) throws IOException {
        // rights first, but the repository is created only for a manifest that will be stored:
        // a rejected first push must not leave an empty repository behind
        RepositoryName name = RepositoryName.parse(m.name());
        Optional<Repository> existing = s.hub.repositories().find(name.namespace(), name.name());
        RegistryAuth.Requester who = s.auth.require(ctx, name, existing, Action.PUSH);
        String reference = m.last();
        boolean byDigest = reference.contains(":");
        Digest given = byDigest ? RegistryServices.digest(reference) : null;
        if (!byDigest && !TAG.matcher(reference).matches()) {
            throw new RegistryException(OciErrorCode.MANIFEST_INVALID, "invalid tag '" + RepositoryName.abbreviate(reference)
                    + "' (up to 128 of [A-Za-z0-9_.-], not starting with '.' or '-')");
        }
        byte[] bytes = readLimited(ctx.req().getInputStream());
        Digest digest = hash(bytes, given == null ? "sha256" : given.algorithm());
        if (given != null && !given.equals(digest)) {
            throw new RegistryException(OciErrorCode.DIGEST_INVALID, "the manifest hashes to " + digest + ", not " + given);
        }
        ManifestRecord record = ManifestParser.parse(bytes, ctx.header("Content-Type"), digest);
        Repository repo = existing.or(() -> s.hub.repositories().find(name.namespace(), name.name())).orElseGet(() -> {
            if (!record.references().isEmpty()) {
                throw new RegistryException(OciErrorCode.MANIFEST_BLOB_UNKNOWN, "the manifest references blobs or manifests "
                        + "not in this repository: " + record.references().get(0).digest() + "; push them first");
            }
            return s.db.inTransaction(h -> s.hub.repositories().findOrCreate(h, name.namespace(), name.name()));
        });
        Optional<VexArtifact.Pushed> vex = VexArtifact.read(s, repo, bytes, record);
        if (!s.blobs.exists(digest)) s.blobs.put(digest, new ByteArrayInputStream(bytes), bytes.length);
        try {
            s.manifests.put(repo.id(), repo.fullName(), record, byDigest ? null : reference, who.actor());
        } catch (ManifestStore.MissingReferencesException e) {
            throw new RegistryException(OciErrorCode.MANIFEST_BLOB_UNKNOWN, "the manifest references blobs or manifests "
                    + e.getMessage() + "; push them first");
        }
        if (vex.isPresent()) s.vex.pushed(repo.id(), record.digest(), vex.get().document(), vex.get().body(), who.actor());
        ctx.status(201)
                .header("Location", RegistryServices.path(repo) + "/manifests/" + digest)
                .header("Docker-Content-Digest", digest.toString());
        if (record.subjectDigest() != null) ctx.header("OCI-Subject", record.subjectDigest());
        ctx.res().setContentLength(0);
    }

    void get(Context ctx, Route.Match m) throws IOException {
        serve(ctx, m, true);
    }

    void head(Context ctx, Route.Match m) throws IOException {
        serve(ctx, m, false);
    }

    private void serve(Context ctx, Route.Match m, boolean body) throws IOException {
        Repository repo = s.existing(ctx, m.name(), Action.PULL);
        ManifestRecord record = resolve(repo, m.last());
        Digest digest = Digest.parse(record.digest());
        ctx.header("Docker-Content-Digest", record.digest())
                .header("ETag", "\"" + record.digest() + "\"")
                .contentType(record.mediaType());
        ctx.res().setContentLengthLong(record.size());
        if (!body) return;
        try (InputStream in = s.blobs.open(digest, 0)) {
            in.transferTo(ctx.res().getOutputStream());
        }
    }

    void delete(Context ctx, Route.Match m) {
        Repository repo = s.existing(ctx, m.name(), Action.DELETE);
        String reference = m.last();
        boolean deleted = reference.contains(":")
                ? s.manifests.delete(repo.id(), RegistryServices.digest(reference).toString())
                : s.manifests.deleteTag(repo.id(), reference);
        if (!deleted) throw unknown(repo, reference);
        if (reference.contains(":")) s.vex.withdrawn(repo.id(), RegistryServices.digest(reference).toString());
        io.spyglass.server.audit.AuditLog.record(ctx, null, ctx.attribute(RegistryAuth.ACTOR), reference.contains(":") ? "manifest.delete" : "tag.delete",
                repo.fullName() + (reference.contains(":") ? "@" : ":") + reference, true, null);
        ctx.status(202);
    }

    private ManifestRecord resolve(Repository repo, String reference) {
        String digest;
        if (reference.contains(":")) {
            digest = RegistryServices.digest(reference).toString();
        } else {
            digest = s.manifests.tagDigest(repo.id(), reference).orElseThrow(() -> unknown(repo, reference));
        }
        return s.manifests.find(repo.id(), digest).orElseThrow(() -> unknown(repo, reference));
    }

    private static RegistryException unknown(Repository repo, String reference) {
        return new RegistryException(OciErrorCode.MANIFEST_UNKNOWN, "manifest " + RepositoryName.abbreviate(reference)
                + " is not in " + repo.fullName());
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_MANIFEST + 1);
        if (bytes.length > MAX_MANIFEST) {
            throw new RegistryException(OciErrorCode.MANIFEST_INVALID, "the manifest is larger than " + MAX_MANIFEST + " bytes");
        }
        return bytes;
    }

    private static Digest hash(byte[] bytes, String algorithm) {
        try {
            String jca = algorithm.equals("sha512") ? "SHA-512" : "SHA-256";
            return new Digest(algorithm, HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
