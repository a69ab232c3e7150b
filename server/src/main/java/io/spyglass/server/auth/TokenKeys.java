package io.spyglass.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.spyglass.server.store.Database;
import java.text.ParseException;
import java.util.UUID;

/**
 * The ES256 key that signs registry tokens. Generated on first start and kept in the database
 * (table signing_keys), so every node that shares the database signs and verifies with it.
 */
final class TokenKeys {
    private TokenKeys() {}

    static ECKey load(Database db) {
        return db.inTransaction(h -> {
            var existing = h.createQuery("SELECT jwk FROM signing_keys ORDER BY created_at, id LIMIT 1").mapTo(String.class).findOne();
            if (existing.isPresent()) return parse(existing.get());
            ECKey key = generate();
            h.createUpdate("INSERT INTO signing_keys (id, jwk, created_at) VALUES (:id, :jwk, :now) ON CONFLICT (id) DO NOTHING")
                    .bind("id", key.getKeyID()).bind("jwk", key.toJSONString()).bind("now", Database.now()).execute();
            return key;
        });
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the token signing key", e);
        }
    }

    private static ECKey parse(String jwk) {
        try {
            return ECKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("the stored token signing key is unreadable", e);
        }
    }
}
