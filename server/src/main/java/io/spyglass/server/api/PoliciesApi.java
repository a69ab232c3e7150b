package io.spyglass.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.policy.Policies;
import io.spyglass.policy.Policy;
import io.spyglass.policy.PolicySetting;
import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.analysis.policy.TagPolicies;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Organization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An organisation's policies as JSON (Basic auth; a token needs scope admin to change them):
 * <pre>
 * GET /api/orgs/{org}/policies                                         members: [{name, title, enabled, parameters, defaults}]
 * PUT /api/orgs/{org}/policies/{policy}  {"enabled", "parameters"}     owners; its images are evaluated again
 * </pre>
 * and the {@code policies} and {@code healthScore} of a tag's report ({@code GET …/tags/{tag}}).
 */
public final class PoliciesApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hub hub;
    private final ImagePolicies policies;

    public PoliciesApi(Hub hub, ImagePolicies policies) {
        this.hub = hub;
        this.policies = policies;
    }

    public void register(Javalin app) {
        app.get("/api/orgs/{org}/policies", this::list);
        app.put("/api/orgs/{org}/policies/{policy}", this::put);
    }

    /** {@code tree} (the report as JSON, already extended) with the tag's policy verdicts and grade added. */
    static ObjectNode withPolicies(ObjectNode tree, TagPolicies tag) {
        tree.set("policies", JSON.valueToTree(tag.policies()));
        tree.put("healthScore", tag.healthScore());
        return tree;
    }

    private void list(Context ctx) {
        Caller caller = ApiRequests.signedIn(ctx, hub);
        if (caller == null) return;
        try {
            Organization org = hub.organizations().require(ctx.pathParam("org"));
            if (hub.permissions().role(caller, org.name()).isEmpty()) throw new HubException(HubException.Kind.FORBIDDEN, "only members of " + org.name() + " see its policies");
            ctx.json(describe(policies.settings(org.name())));
        } catch (HubException e) {
            ApiRequests.refused(ctx, e);
        }
    }

    private void put(Context ctx) {
        Caller caller = ApiRequests.signedIn(ctx, hub);
        if (caller == null) return;
        String target = ctx.pathParam("org") + "/" + ctx.pathParam("policy");
        try {
            Organization org = hub.organizations().require(ctx.pathParam("org"));
            if (!hub.permissions().canManageMembers(caller, org.name())) {
                throw new HubException(HubException.Kind.FORBIDDEN, "only owners of " + org.name() + " change its policies");
            }
            JsonNode body = ApiRequests.body(ctx, Set.of("enabled", "parameters"));
            PolicySetting current = policies.settings(org.name()).get(ctx.pathParam("policy"));
            if (current == null) throw new HubException(HubException.Kind.NOT_FOUND, "no policy named '" + ctx.pathParam("policy") + "' (" + Policies.names() + ")");
            Map<String, List<String>> params = body.has("parameters") ? parameters(body.get("parameters")) : current.parameters().values();
            PolicySetting setting;
            try {
                setting = Policies.setting(current.name(), ApiRequests.bool(body, "enabled", current.enabled()), params);
            } catch (IllegalArgumentException e) {
                throw new HubException(HubException.Kind.INVALID, e.getMessage());
            }
            policies.save(org.name(), setting);
            ctx.json(describe(Map.of(setting.name(), setting)).get(0));
            AuditLog.record(ctx, caller, "org.policy", org.name() + "/" + setting.name(), true, summary(setting));
        } catch (HubException e) {
            AuditLog.record(ctx, caller, "org.policy", target, false, e.getMessage());
            ApiRequests.refused(ctx, e);
        }
    }

    /** "on, deny [AGPL-3.0, SSPL-1.0]": what the audit log keeps of a change. */
    public static String summary(PolicySetting s) {
        return (s.enabled() ? "on" : "off") + (s.parameters().values().isEmpty() ? "" : ", " + new TreeMap<>(s.parameters().values()));
    }

    private static Map<String, List<String>> parameters(JsonNode node) {
        if (!node.isObject()) throw new HubException(HubException.Kind.INVALID, "'parameters' must be an object of string lists");
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isArray()) {
                throw new HubException(HubException.Kind.INVALID, "parameter '" + e.getKey() + "' must be a list of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                if (!v.isTextual()) throw new HubException(HubException.Kind.INVALID, "parameter '" + e.getKey() + "' must be a list of strings");
                values.add(v.textValue());
            }
            out.put(e.getKey(), values);
        });
        return out;
    }

    private static List<Map<String, Object>> describe(Map<String, PolicySetting> settings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Policy p : Policies.all()) {
            PolicySetting s = settings.get(p.name());
            if (s == null) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("title", p.title());
            m.put("enabled", s.enabled());
            Map<String, List<String>> effective = new TreeMap<>(p.defaults());
            effective.putAll(s.parameters().values());
            m.put("parameters", effective);
            m.put("defaults", new TreeMap<>(p.defaults()));
            out.add(m);
        }
        return out;
    }
}
