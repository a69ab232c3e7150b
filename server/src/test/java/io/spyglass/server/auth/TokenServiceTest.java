package io.spyglass.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.User;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry tokens: HS256 with the database's shared secret; tokens of an older ES256 key still count. */
class TokenServiceTest {
    @TempDir
    Path data;

    @Test
    void issuesHs256TokensThatVerifyHereAndOnAnotherNodeOfTheSameDatabase() throws Exception {
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            Hub hub = Hub.over(db, false);
            User alice = hub.users().create("alice", "alice-password-1");
            TokenService one = new TokenService(db, hub);
            String token = one.issue(Caller.password(alice), List.of(new ResourceAccess("repository", "alice/app", Set.of("push", "pull"))),
                    "spyglass").token();

            assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
            TokenService.Verified verified = new TokenService(db, hub).verify(token).orElseThrow();
            assertThat(verified.subject()).isEqualTo("alice");
            assertThat(verified.actionsOn("alice/app")).extracting(a -> a.wire()).containsExactlyInAnyOrder("push", "pull");
        }
    }

    @Test
    void refusesAlteredAndForeignTokens() throws Exception {
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            Hub hub = Hub.over(db, false);
            TokenService tokens = new TokenService(db, hub);
            String token = tokens.issue(Caller.ANONYMOUS, List.of(), "spyglass").token();
            String[] parts = token.split("\\.");
            String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"iss\":\"spyglass\",\"sub\":\"admin\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
            String kid = SignedJWT.parse(token).getHeader().getKeyID();

            assertThat(tokens.verify(parts[0] + "." + otherClaims + "." + parts[2])).as("claims swapped under the signature").isEmpty();
            assertThat(tokens.verify(signedWithSecret(kid, new byte[32]))).as("right key id, wrong secret").isEmpty();
            assertThat(tokens.verify(parts[0] + "." + parts[1] + ".")).as("no signature").isEmpty();
        }
    }

    @Test
    void tokensOfAnOlderEs256KeyStillVerifyAndItsKeyIdCannotBeUsedWithHs256() throws Exception {
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            Hub hub = Hub.over(db, false);
            // a database from before HS256 holds the ES256 key pair that signed its tokens
            ECKey old = new ECKeyGenerator(Curve.P_256).keyID("old-es256").generate();
            db.inTransaction(h -> h.createUpdate("INSERT INTO signing_keys (id, jwk, created_at) VALUES (:id, :jwk, :now)")
                    .bind("id", old.getKeyID()).bind("jwk", old.toJSONString()).bind("now", Database.now()).execute());
            SignedJWT byOldKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(old.getKeyID()).build(), claims("bob"));
            byOldKey.sign(new ECDSASigner(old));
            TokenService tokens = new TokenService(db, hub);

            assertThat(tokens.verify(byOldKey.serialize())).map(TokenService.Verified::subject).contains("bob");
            assertThat(SignedJWT.parse(tokens.issue(Caller.ANONYMOUS, List.of(), "spyglass").token()).getHeader().getAlgorithm())
                    .as("new tokens use the new secret").isEqualTo(JWSAlgorithm.HS256);
            // the public key is no secret: an HMAC made with it must not pass for the key pair's signature
            byte[] publicKey = old.toPublicJWK().toECPublicKey().getEncoded();
            assertThat(tokens.verify(signedWithSecret(old.getKeyID(), java.util.Arrays.copyOf(publicKey, Math.max(32, publicKey.length)))))
                    .isEmpty();
        }
    }

    private static String signedWithSecret(String kid, byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims("admin"));
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String subject) {
        return new JWTClaimsSet.Builder().issuer("spyglass").subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
    }
}
