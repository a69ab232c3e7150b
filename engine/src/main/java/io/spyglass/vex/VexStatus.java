package io.spyglass.vex;

import java.util.Locale;

/** The four statuses of OpenVEX 0.2; {@code not_affected} and {@code fixed} suppress a finding. */
public enum VexStatus {
    NOT_AFFECTED("not_affected"),
    AFFECTED("affected"),
    FIXED("fixed"),
    UNDER_INVESTIGATION("under_investigation");

    private final String id;

    VexStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True when the statement says the finding does not hold for this product. */
    public boolean suppresses() {
        return this == NOT_AFFECTED || this == FIXED;
    }

    /** Throws {@link VexException} naming the word for anything but the four spec values. */
    public static VexStatus parse(String word) {
        if (word != null) {
            for (VexStatus s : values()) {
                if (s.id.equals(word.trim().toLowerCase(Locale.ROOT))) return s;
            }
        }
        throw new VexException("unknown status '" + word + "'; one of: not_affected, affected, fixed, under_investigation");
    }
}
