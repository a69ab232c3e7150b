package io.spyglass.server.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A call that may hang (a stopped database makes the pool wait its full connection timeout) asked
 * with a deadline. At most one call is in flight: asking again while it hangs waits on the same
 * call instead of piling up threads.
 */
public final class BoundedCall<T> {
    private final String name;
    private final Supplier<T> call;
    private final AtomicReference<CompletableFuture<T>> inFlight = new AtomicReference<>();

    public BoundedCall(String name, Supplier<T> call) {
        this.name = name;
        this.call = call;
    }

    /**
     * The call's result within {@code deadline}.
     *
     * @throws TimeoutException when it did not answer in time (it goes on in the background)
     * @throws RuntimeException what the call threw
     */
    public T get(Duration deadline) throws TimeoutException, InterruptedException {
        CompletableFuture<T> running = inFlight.updateAndGet(f -> f == null || f.isDone() ? start() : f);
        try {
            return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    private CompletableFuture<T> start() {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(call.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "spyglass-" + name);
        t.setDaemon(true);
        t.start();
        return f;
    }
}
