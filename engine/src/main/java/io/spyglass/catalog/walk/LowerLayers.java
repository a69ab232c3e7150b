package io.spyglass.catalog.walk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The filesystem of the layers below the one being walked. Layers are walked side by side, so a
 * walk may start before its lower layers are applied: until {@link #ready} it cannot look below
 * and records its guesses for later (see {@link LayerWalker}).
 */
final class LowerLayers {
    private final FileSystemState fs;
    private final CompletableFuture<Void> applied;
    private final boolean lookAhead;

    /**
     * @param applied   completes when every lower layer has been applied to {@code fs}
     * @param lookAhead when false, the walk never looks below before its end, as if the lower
     *                  layers always took longer (tests use this to compare with a walk in order)
     */
    LowerLayers(FileSystemState fs, CompletableFuture<Void> applied, boolean lookAhead) {
        this.fs = fs;
        this.applied = applied;
        this.lookAhead = lookAhead;
    }

    /** A first layer, or a walk in order: the filesystem below is complete already. */
    static LowerLayers complete(FileSystemState fs) {
        return new LowerLayers(fs, CompletableFuture.completedFuture(null), true);
    }

    /** True when {@link #state} may be read now without waiting. */
    boolean ready() {
        return lookAhead && applied.isDone();
    }

    /** Waits for the lower layers; the walk is bounded, so this ends when they do. */
    FileSystemState await() throws IOException {
        try {
            applied.get();
            return fs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the lower layers");
        } catch (ExecutionException e) {
            throw new IOException("a lower layer failed: " + e.getCause(), e.getCause());
        }
    }

    /** The filesystem below; only once {@link #ready} or {@link #await} said so. */
    FileSystemState state() {
        return fs;
    }
}
