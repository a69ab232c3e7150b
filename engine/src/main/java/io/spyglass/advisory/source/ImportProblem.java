package io.spyglass.advisory.source;

/** A record or file an import skipped, naming the file (and zip entry) and the record id when known. */
public record ImportProblem(String file, String recordId, String message) {
    @Override
    public String toString() {
        return file + (recordId == null ? "" : " [" + recordId + "]") + ": " + message;
    }
}
