-- An endpoint that receives events as signed JSON. The secret that signs them is stored
-- encrypted (AES-GCM, purpose webhook.secret) and is never read back out of tfmesh.
CREATE TABLE webhook (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    url         text        NOT NULL,
    -- the event types it receives, such as {cluster-health-changed,plan-awaits-approval}
    event_types text[]      NOT NULL,
    secret      bytea       NOT NULL,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0
);

-- One event for one webhook, written in the transaction of the event's cause and sent
-- afterwards. An instance claims a due row until claimed_until; a row whose claim ran out
-- (its instance stopped mid-send) is due again. payload is the exact body that is signed and
-- sent on every attempt.
CREATE TABLE webhook_delivery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id      bigint      NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    payload         text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    claimed_by      text,
    claimed_until   timestamptz,
    UNIQUE (webhook_id, event_id)
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, created_at DESC, id DESC);
