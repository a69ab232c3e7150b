package io.spyglass.server.hub;

import java.util.regex.Pattern;

/** Account and organisation names: usable as the first component of an OCI repository name. */
public final class Names {
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    private Names() {}

    public static String namespace(String name) {
        if (name == null || name.length() < 2 || name.length() > 64 || !NAMESPACE.matcher(name).matches()) {
            throw HubException.invalid("invalid name '" + name
                    + "': 2-64 characters, lowercase letters and digits separated by '.', '_' or '-'");
        }
        return name;
    }
}
