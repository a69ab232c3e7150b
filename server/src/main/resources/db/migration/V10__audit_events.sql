-- The audit log (issue 13 part 5): who did what security-relevant thing, from where, and whether
-- it worked. The actor is kept by id and name (no foreign key) so entries outlive a deleted user.
-- details never holds a password, token or webhook secret.
CREATE TABLE audit_events (
    id         BIGINT PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor_id   BIGINT,
    actor_name TEXT,
    address    TEXT,
    action     TEXT NOT NULL,
    target     TEXT,
    outcome    TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
    details    TEXT
);
CREATE INDEX audit_events_actor ON audit_events (actor_name, id);
CREATE INDEX audit_events_action ON audit_events (action, id);
CREATE INDEX audit_events_at ON audit_events (at);
