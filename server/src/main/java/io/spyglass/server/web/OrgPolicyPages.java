package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.policy.Policies;
import io.spyglass.policy.Policy;
import io.spyglass.policy.PolicySetting;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.api.PoliciesApi;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Organization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /orgs/{org}/policies}: members see which policies the organisation holds its images to;
 * owners turn each on or off and set its parameters (one form per policy, CSRF-checked like every
 * page form). A change is audit-logged and the organisation's images are evaluated again.
 */
final class OrgPolicyPages {
    private final Hub hub;
    private final Reports reports;
    private final Templates templates;
    private final Frames frames;

    OrgPolicyPages(Hub hub, Reports reports, Templates templates, Frames frames) {
        this.hub = hub;
        this.reports = reports;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/orgs/{org}/policies", ctx -> show(ctx, null, ctx.queryParam("done"), 200));
        app.post("/orgs/{org}/policies/{policy}", this::change);
    }

    private Organization memberOrg(Context ctx) {
        Organization org = hub.organizations().find(ctx.pathParam("org")).orElseThrow(PageException::notFound);
        if (reports == null || reports.policies() == null) throw PageException.notFound();
        if (hub.permissions().role(Viewers.caller(ctx), org.name()).isEmpty()) {
            throw PageException.forbidden("Only members of " + org.name() + " can see its policies.");
        }
        return org;
    }

    private void show(Context ctx, String error, String message, int status) {
        Organization org = memberOrg(ctx);
        List<OrgPoliciesView.Row> rows = new ArrayList<>();
        Map<String, PolicySetting> settings = reports.policies().settings(org.name());
        for (Policy p : Policies.all()) {
            PolicySetting s = settings.get(p.name());
            List<OrgPoliciesView.Parameter> params = new ArrayList<>();
            p.defaults().keySet().stream().sorted().forEach(name -> params.add(new OrgPoliciesView.Parameter(name,
                    String.join("\n", s.parameters().values().getOrDefault(name, p.defaults().get(name))),
                    String.join(", ", p.defaults().get(name)))));
            rows.add(new OrgPoliciesView.Row(p.name(), p.title(), s.enabled(), params));
        }
        ctx.status(status);
        templates.page(ctx, "orgPolicies.jte", new OrgPoliciesView(frames.of(ctx, org.name() + " policies"), org.name(),
                hub.permissions().canManageMembers(Viewers.caller(ctx), org.name()), rows, error, message));
    }

    private void change(Context ctx) {
        Organization org = memberOrg(ctx);
        if (!hub.permissions().canManageMembers(Viewers.caller(ctx), org.name())) {
            throw PageException.forbidden("Only owners of " + org.name() + " can change its policies.");
        }
        Policy policy = Policies.find(ctx.pathParam("policy")).orElseThrow(PageException::notFound);
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String name : policy.defaults().keySet()) {
            String text = ctx.formParam("param-" + name);
            if (text != null) params.put(name, List.of(text.split("[\\s,]+")).stream().filter(v -> !v.isEmpty()).toList());
        }
        PolicySetting setting;
        try {
            setting = Policies.setting(policy.name(), "on".equals(ctx.formParam("enabled")), params);
        } catch (IllegalArgumentException e) {
            AuditLog.record(ctx, Viewers.caller(ctx), "org.policy", org.name() + "/" + policy.name(), false, e.getMessage());
            show(ctx, CreationPages.sentence(e.getMessage()), null, 400);
            return;
        }
        reports.policies().save(org.name(), setting);
        AuditLog.record(ctx, Viewers.caller(ctx), "org.policy", org.name() + "/" + policy.name(), true, PoliciesApi.summary(setting));
        ctx.redirect("/orgs/" + org.name() + "/policies?done=Saved+" + policy.name());
    }
}
