package io.spyglass.advisory;

/** A record that breaks the model's rules (no id, a bad namespace, a range with no events…). */
public class InvalidAdvisoryException extends IllegalArgumentException {
    public InvalidAdvisoryException(String message) {
        super(message);
    }
}
