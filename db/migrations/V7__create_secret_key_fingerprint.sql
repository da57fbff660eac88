-- Which key encrypted the stored secrets: an HMAC of a fixed label under the key, never the key.
-- An instance started with another key refuses to start instead of failing on every secret it reads.
CREATE TABLE secret_key_fingerprint (
    id          smallint    PRIMARY KEY CHECK (id = 1),
    fingerprint text        NOT NULL,
    recorded_at timestamptz NOT NULL
);
