package io.spyglass.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.spyglass.server.store.Database;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The key that signs registry tokens: a 256-bit HS256 secret, generated on first start and kept in
 * the database (table signing_keys), so every node that shares the database signs and verifies
 * with it. Only Spyglass itself ever checks its tokens, so a shared secret does what a key pair
 * did at a hundredth of the cost: an ES256 signature and its check took 2-7 ms per token on a
 * warm JVM and ~100 ms on a cold one, for every image a client pushes or pulls.
 *
 * <p>Databases from before hold an ES256 key too; it stays, so that tokens it signed (refresh
 * tokens live 30 days) still verify by their key id.
 */
final class TokenKeys {
    private TokenKeys() {}

    static OctetSequenceKey load(Database db) {
        return db.inTransaction(h -> {
            Optional<OctetSequenceKey> existing = h.createQuery("SELECT jwk FROM signing_keys ORDER BY created_at, id")
                    .mapTo(String.class).list().stream().map(TokenKeys::parse)
                    .filter(OctetSequenceKey.class::isInstance).map(OctetSequenceKey.class::cast).findFirst();
            if (existing.isPresent()) return existing.get();
            OctetSequenceKey key = generate();
            h.createUpdate("INSERT INTO signing_keys (id, jwk, created_at) VALUES (:id, :jwk, :now) ON CONFLICT (id) DO NOTHING")
                    .bind("id", key.getKeyID()).bind("jwk", key.toJSONString()).bind("now", Database.now()).execute();
            return key;
        });
    }

    /** A stored key by its text: HS256 secrets and, from older databases, ES256 key pairs. */
    static JWK parse(String jwk) {
        try {
            return JWK.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored token signing key is unreadable", e);
        }
    }

    private static OctetSequenceKey generate() {
        try {
            return new OctetSequenceKeyGenerator(256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the token signing key", e);
        }
    }
}
