-- Sign-in sessions of the web pages. The cookie holds a random value; only its SHA-256 is stored,
-- so a copy of the database does not let anyone sign in. Each session has its own CSRF token
-- (synchroniser token) that every form posts back. user_id is null for a visitor who has opened
-- the sign-in or sign-up form but not signed in yet.
CREATE TABLE web_sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    BIGINT REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
