-- Webhooks per repository (issue 5 item 5) and their delivery history.
CREATE TABLE webhooks (
    id            BIGINT PRIMARY KEY,
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX webhooks_repository ON webhooks (repository_id);

CREATE TABLE webhook_deliveries (
    id            BIGINT PRIMARY KEY,
    webhook_id    BIGINT NOT NULL REFERENCES webhooks (id),
    event         TEXT NOT NULL,
    payload       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts      BIGINT NOT NULL DEFAULT 0,
    response_code BIGINT,
    last_error    TEXT,
    created_at    BIGINT NOT NULL,
    delivered_at  BIGINT
);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, created_at);
