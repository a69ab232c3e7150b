package io.spyglass.progress;

import java.util.ArrayList;
import java.util.List;

/** Keeps every task it is told of: its label, size, the bytes advanced and the files named. */
public final class RecordingProgress implements ProgressListener {
    /** One task as it was reported. */
    public static final class Task {
        public final String label;
        public final long total;
        public long bytes;
        public final List<String> items = new ArrayList<>();
        public boolean ended;

        Task(String label, long total) {
            this.label = label;
            this.total = total;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private Task current;

    @Override
    public synchronized void begin(String task, long totalBytes) {
        if (current != null) throw new AssertionError("task " + task + " began before " + current.label + " ended");
        current = new Task(task, totalBytes);
        tasks.add(current);
    }

    @Override
    public synchronized void advance(long bytes) {
        if (current != null) current.bytes += bytes;
    }

    @Override
    public synchronized void item(String name) {
        if (current == null) throw new AssertionError("file " + name + " outside a task");
        current.items.add(name);
    }

    @Override
    public synchronized void end() {
        current.ended = true;
        current = null;
    }

    public synchronized List<Task> tasks() {
        return List.copyOf(tasks);
    }
}
