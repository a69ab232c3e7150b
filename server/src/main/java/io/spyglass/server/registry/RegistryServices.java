package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.image.Digest;
import io.spyglass.image.InvalidDigestException;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.BlobIndex;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.ManifestStore;
import io.spyglass.server.store.UploadStore;
import io.spyglass.server.store.blob.BlobStore;
import io.spyglass.server.vex.VexDocuments;
import java.util.Optional;

/** What the route handlers share: stores, hub, auth, and the lookups every handler starts with. */
final class RegistryServices {
    final Database db;
    final Hub hub;
    final BlobStore blobs;
    final BlobIndex blobIndex;
    final ManifestStore manifests;
    final UploadStore uploads;
    final RegistryAuth auth;
    final VexDocuments vex;

    RegistryServices(Database db, Hub hub, BlobStore blobs, RegistryAuth auth) {
        this.db = db;
        this.hub = hub;
        this.blobs = blobs;
        this.blobIndex = new BlobIndex(db);
        this.manifests = new ManifestStore(db);
        this.uploads = new UploadStore(db);
        this.auth = auth;
        this.vex = new VexDocuments(db);
    }

    /** Checks the action and returns the existing repository (NAME_UNKNOWN when absent). */
    Repository existing(Context ctx, String rawName, Action action) {
        RepositoryName name = RepositoryName.parse(rawName);
        return checked(ctx, name, action).orElseThrow(() -> new RegistryException(OciErrorCode.NAME_UNKNOWN, "repository " + name + " is not known to the registry"));
    }

    /** Checks pull rights; the repository, or empty when it does not exist (yet) and the caller may know that. */
    Optional<Repository> readable(Context ctx, String rawName) {
        return checked(ctx, RepositoryName.parse(rawName), Action.PULL);
    }

    private Optional<Repository> checked(Context ctx, RepositoryName name, Action action) {
        Optional<Repository> repo = hub.repositories().find(name.namespace(), name.name());
        auth.require(ctx, name, repo, action);
        return repo;
    }

    /** Checks push rights and returns the repository, creating it on first push. */
    Pushing pushing(Context ctx, String rawName) {
        RepositoryName name = RepositoryName.parse(rawName);
        Optional<Repository> repo = hub.repositories().find(name.namespace(), name.name());
        RegistryAuth.Requester who = auth.require(ctx, name, repo, Action.PUSH);
        Repository r = repo.orElseGet(() -> db.inTransaction(h -> hub.repositories().findOrCreate(h, name.namespace(), name.name())));
        return new Pushing(r, who);
    }

    record Pushing(Repository repo, RegistryAuth.Requester who) {}

    static Digest digest(String text) {
        try {
            return Digest.parse(text);
        } catch (InvalidDigestException e) {
            throw new RegistryException(OciErrorCode.DIGEST_INVALID, e.getMessage());
        }
    }

    static String path(Repository repo) {
        return "/v2/" + repo.fullName();
    }
}
