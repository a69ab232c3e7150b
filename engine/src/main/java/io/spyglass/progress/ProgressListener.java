package io.spyglass.progress;

/**
 * Told how long work is going: the engine calls it, a front end shows it (the CLI draws a line on
 * a terminal, the server logs). The engine itself never prints. Calls may come from a read-ahead
 * thread, so an implementation that keeps state synchronises it.
 *
 * <p>A task is one layer, one feed download or one import; inside it, {@link #advance} adds bytes
 * done and {@link #item} names the file being read when a task reads many.
 */
public interface ProgressListener {
    /** Shows nothing. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String task, long totalBytes) {}

        @Override
        public void advance(long bytes) {}

        @Override
        public void end() {}
    };

    /** A task starts: a label ("layer 2/7 sha256:ab12…") and its size in bytes, or -1 when not known. */
    void begin(String task, long totalBytes);

    /** {@code bytes} more of the current task are done. */
    void advance(long bytes);

    /** The current task moved on to the file (or archive entry) {@code name}. */
    default void item(String name) {}

    /** The current task is over (finished or failed). */
    void end();
}
