package io.spyglass.server.analysis.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.policy.Policies;
import io.spyglass.policy.Policy;
import io.spyglass.policy.PolicyParameters;
import io.spyglass.policy.PolicySetting;
import io.spyglass.server.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** A namespace's policy settings (table policy_settings): a policy without a row is on, with its defaults. */
final class PolicySettingsStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> PARAMS = new TypeReference<>() {};

    private PolicySettingsStore() {}

    /** Every shipped policy's setting for {@code namespace}, in {@link Policies#all()} order. */
    static Map<String, PolicySetting> read(Handle h, String namespace) {
        Map<String, PolicySetting> stored = new LinkedHashMap<>();
        h.createQuery("SELECT policy, enabled, parameters FROM policy_settings WHERE namespace = :ns").bind("ns", namespace)
                .map((rs, ctx) -> new PolicySetting(rs.getString("policy"), rs.getBoolean("enabled"),
                        new PolicyParameters(parameters(rs.getString("parameters")))))
                .forEach(s -> stored.put(s.name(), s));
        Map<String, PolicySetting> out = new LinkedHashMap<>();
        for (Policy p : Policies.all()) out.put(p.name(), stored.getOrDefault(p.name(), PolicySetting.defaultFor(p)));
        return out;
    }

    static void save(Handle h, String namespace, PolicySetting setting) {
        String params = json(setting.parameters().values());
        h.createUpdate("INSERT INTO policy_settings (namespace, policy, enabled, parameters, updated_at) "
                        + "VALUES (:ns, :policy, :enabled, :params, :now) ON CONFLICT (namespace, policy) "
                        + "DO UPDATE SET enabled = :enabled, parameters = :params, updated_at = :now")
                .bind("ns", namespace).bind("policy", setting.name()).bind("enabled", setting.enabled())
                .bind("params", params).bind("now", Database.now()).execute();
    }

    private static Map<String, List<String>> parameters(String json) {
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy parameters are not JSON", e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
