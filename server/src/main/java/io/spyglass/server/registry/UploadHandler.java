package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.image.Digest;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.blob.BlobException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (start, monolithic with {@code ?digest=},
 * or cross-repository mount), {@code PATCH} (chunked with Content-Range, or streamed),
 * {@code PUT ?digest=} (finish), {@code GET} (status) and {@code DELETE} (cancel) on
 * {@code /v2/<name>/blobs/uploads/<uuid>}.
 */
final class UploadHandler {
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");
    private final RegistryServices s;

    UploadHandler(RegistryServices s) {
        this.s = s;
    }

    void start(Context ctx, Route.Match m) throws IOException {
        RegistryServices.Pushing p = s.pushing(ctx, m.name());
        Repository repo = p.repo();
        String mount = ctx.queryParam("mount");
        if (mount != null && mounted(ctx, repo, p.who(), mount, ctx.queryParam("from"))) return;
        String digestParam = ctx.queryParam("digest");
        if (digestParam != null) {
            Digest digest = RegistryServices.digest(digestParam);
            long size = s.blobs.put(digest, ctx.req().getInputStream(), contentLength(ctx));
            s.blobIndex.link(repo.id(), digest.toString(), size);
            created(ctx, repo, digest);
            return;
        }
        String id = s.blobs.startUpload();
        s.uploads.create(id, repo.id());
        accepted(ctx, repo, id, 0);
    }

    /** Links the blob from {@code from} when the pusher may pull it there; false means "do a normal upload". */
    private boolean mounted(Context ctx, Repository repo, RegistryAuth.Requester who, String mount, String from) {
        Digest digest;
        RepositoryName source;
        try {
            digest = Digest.parse(mount);
            source = RepositoryName.parse(from);
        } catch (RuntimeException e) {
            return false; // OCI dist-spec: a mount the registry cannot do falls back to a plain upload
        }
        Optional<Repository> src = s.hub.repositories().find(source.namespace(), source.name());
        if (src.isEmpty() || !s.auth.granted(who, source, src).contains(Action.PULL)) return false;
        Optional<Long> size = s.blobIndex.sizeIn(src.get().id(), digest.toString());
        if (size.isEmpty()) return false;
        s.blobIndex.link(repo.id(), digest.toString(), size.get());
        created(ctx, repo, digest);
        return true;
    }

    void patch(Context ctx, Route.Match m) throws IOException {
        Repository repo = s.pushing(ctx, m.name()).repo();
        String id = upload(repo, m.last());
        long offset = -1;
        long length = contentLength(ctx);
        String range = ctx.header("Content-Range");
        if (range != null) {
            Matcher r = CONTENT_RANGE.matcher(range.trim());
            if (!r.matches()) throw new RegistryException(OciErrorCode.RANGE_INVALID, "Content-Range '" + RepositoryName.abbreviate(range) + "' is not START-END");
            offset = Long.parseLong(r.group(1));
            long end = Long.parseLong(r.group(2));
            if (end < offset) throw new RegistryException(OciErrorCode.RANGE_INVALID, "Content-Range " + range + " ends before it starts");
            if (length >= 0 && length != end - offset + 1) {
                throw new RegistryException(OciErrorCode.RANGE_INVALID, "Content-Range " + range + " covers " + (end - offset + 1)
                        + " bytes but Content-Length is " + length);
            }
            length = end - offset + 1;
        }
        long size;
        try {
            size = s.blobs.append(id, ctx.req().getInputStream(), offset, length);
        } catch (BlobException e) {
            // OCI dist-spec: a 416 for a chunk out of order says where the upload stands, so the client can resume
            if (e.kind() == BlobException.Kind.OUT_OF_ORDER) rangeHeaders(ctx, repo, id, s.blobs.uploadSize(id));
            throw e;
        }
        accepted(ctx, repo, id, size);
    }

    void finish(Context ctx, Route.Match m) throws IOException {
        Repository repo = s.pushing(ctx, m.name()).repo();
        String id = upload(repo, m.last());
        String digestParam = ctx.queryParam("digest");
        if (digestParam == null) throw new RegistryException(OciErrorCode.DIGEST_INVALID, "PUT to finish an upload needs ?digest=");
        Digest digest = RegistryServices.digest(digestParam);
        long length = contentLength(ctx);
        if (length > 0 || length < 0 && ctx.header("Transfer-Encoding") != null) {
            long offset = -1;
            String range = ctx.header("Content-Range");
            if (range != null) {
                Matcher r = CONTENT_RANGE.matcher(range.trim());
                if (!r.matches()) throw new RegistryException(OciErrorCode.RANGE_INVALID, "Content-Range '" + RepositoryName.abbreviate(range) + "' is not START-END");
                offset = Long.parseLong(r.group(1));
            }
            s.blobs.append(id, ctx.req().getInputStream(), offset, length);
        }
        long size = s.blobs.complete(id, digest);
        s.blobIndex.link(repo.id(), digest.toString(), size);
        s.uploads.delete(id);
        created(ctx, repo, digest);
    }

    void status(Context ctx, Route.Match m) throws IOException {
        Repository repo = s.pushing(ctx, m.name()).repo();
        String id = upload(repo, m.last());
        accepted(ctx, repo, id, s.blobs.uploadSize(id));
        ctx.status(204);
    }

    void cancel(Context ctx, Route.Match m) throws IOException {
        Repository repo = s.pushing(ctx, m.name()).repo();
        String id = upload(repo, m.last());
        s.blobs.cancel(id);
        s.uploads.delete(id);
        ctx.status(204);
    }

    /** The upload id, when it is an upload of this repository. */
    private String upload(Repository repo, String id) {
        Optional<Long> owner;
        try {
            owner = s.uploads.repositoryOf(java.util.UUID.fromString(id).toString());
        } catch (IllegalArgumentException e) {
            owner = Optional.empty();
        }
        if (owner.isEmpty() || owner.get() != repo.id()) {
            throw new RegistryException(OciErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + RepositoryName.abbreviate(id) + " in progress for " + repo.fullName());
        }
        return java.util.UUID.fromString(id).toString();
    }

    private static long contentLength(Context ctx) {
        String h = ctx.header("Content-Length");
        if (h == null) return -1;
        try {
            long n = Long.parseLong(h.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new RegistryException(OciErrorCode.SIZE_INVALID, "Content-Length '" + RepositoryName.abbreviate(h) + "' is not a byte count");
        }
    }

    private static void accepted(Context ctx, Repository repo, String id, long size) {
        ctx.status(202);
        rangeHeaders(ctx, repo, id, size);
        ctx.res().setContentLength(0);
    }

    private static void rangeHeaders(Context ctx, Repository repo, String id, long size) {
        ctx.header("Location", RegistryServices.path(repo) + "/blobs/uploads/" + id)
                .header("Range", "0-" + Math.max(0, size - 1))
                .header("Docker-Upload-UUID", id);
    }

    private static void created(Context ctx, Repository repo, Digest digest) {
        ctx.status(201)
                .header("Location", RegistryServices.path(repo) + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest.toString());
        ctx.res().setContentLength(0);
    }
}
