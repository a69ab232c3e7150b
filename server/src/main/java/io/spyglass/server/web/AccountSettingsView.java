package io.spyglass.server.web;

import java.util.List;

/**
 * Personal settings: access tokens.
 *
 * @param newSecret the secret of the token just created, shown this once; else null
 */
record AccountSettingsView(Frame frame, List<TokenRow> tokens, String newSecret, String label, String error) {
    AccountSettingsView {
        tokens = List.copyOf(tokens);
        label = label == null ? "" : label;
    }
}
