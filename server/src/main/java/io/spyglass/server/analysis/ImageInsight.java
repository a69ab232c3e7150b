package io.spyglass.server.analysis;

import io.spyglass.server.webhook.EventDispatcher;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Repository;
import java.util.EnumSet;
import java.util.Set;

/**
 * A repository's image insight setting (issue 5): {@code advanced} (analysed on push, re-evaluated
 * when advisories change), {@code basic} (scanned once at push), {@code none}. Owners and admins
 * change it; {@code advanced} needs a pro, team or business plan (a user's own namespace is on the
 * free plan). Turning analysis on queues the tags already there; turning it off cancels the queued
 * analyses, stops new ones and hides the reports (SBOMs and findings are kept and show again when
 * it is turned back on).
 */
public final class ImageInsight {
    private static final Set<Plan> ADVANCED_PLANS = EnumSet.of(Plan.PRO, Plan.TEAM, Plan.BUSINESS);
    private static final Set<String> VALUES = Set.of("none", "basic", "advanced");

    /** A change that is not allowed; {@code status} is the HTTP status to answer with. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Hub hub;
    private final EventDispatcher dispatcher;

    ImageInsight(Hub hub, EventDispatcher dispatcher) {
        this.hub = hub;
        this.dispatcher = dispatcher;
    }

    /** The plan a namespace is on: an organisation's own, free for a user. */
    public Plan plan(String namespace) {
        return hub.organizations().find(namespace).map(Organization::plan).orElse(Plan.FREE);
    }

    /** Whether {@code advanced} may be chosen in this namespace. */
    public boolean advancedAllowed(String namespace) {
        return ADVANCED_PLANS.contains(plan(namespace));
    }

    /** Checks rights and plan, changes the setting, and queues the existing tags when analysis is on. */
    public Repository change(Caller caller, Repository repo, String value) {
        check(caller, repo, value);
        Repository updated = hub.repositories().update(repo, null, null, value);
        if (!value.equals("none")) dispatcher.queueRepository(updated.id());
        else dispatcher.cancelRepository(updated.id());
        return updated;
    }

    /** Throws {@link Refused} when {@code caller} may not set {@code value} on {@code repo}. */
    public void check(Caller caller, Repository repo, String value) {
        if (value == null || !VALUES.contains(value)) {
            throw new Refused(400, "unknown image insight setting '" + value + "' (want advanced, basic or none)");
        }
        if (!hub.permissions().canChangeSettings(caller, repo)) {
            throw new Refused(403, hub.permissions().settingsRefusal(caller, repo, "change image insight settings"));
        }
        if (value.equals("advanced") && !advancedAllowed(repo.namespace())) {
            throw new Refused(409, "advanced image analysis needs a pro, team or business plan; '" + repo.namespace()
                    + "' is on the " + plan(repo.namespace()).wire() + " plan (basic vulnerability scanning is available)");
        }
    }
}
