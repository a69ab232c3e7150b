package io.spyglass.server.registry;

/** A 401 that tells the client where to get a token and for which scope (Docker Hub's challenge). */
final class AuthChallenge extends RegistryException {
    private final String scope;
    private final boolean insufficientScope;

    AuthChallenge(String detail, String scope, boolean insufficientScope) {
        super(OciErrorCode.UNAUTHORIZED, detail);
        this.scope = scope;
        this.insufficientScope = insufficientScope;
    }

    /** {@code Bearer realm="…/token",service="…"[,scope="…"][,error="insufficient_scope"]} */
    String header(String baseUrl, String service) {
        StringBuilder sb = new StringBuilder("Bearer realm=\"").append(baseUrl).append("/token\",service=\"").append(service).append('"');
        if (scope != null) sb.append(",scope=\"").append(scope).append('"');
        if (insufficientScope) sb.append(",error=\"insufficient_scope\"");
        return sb.toString();
    }
}
