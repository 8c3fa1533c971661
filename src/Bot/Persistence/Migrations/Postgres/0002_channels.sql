-- What the channels need to remember across restarts and instances.

CREATE TABLE deliveries (
    delivery_key text NOT NULL PRIMARY KEY,
    received_at timestamptz NOT NULL
);

CREATE TABLE conversations (
    conversation_key text NOT NULL PRIMARY KEY,
    address text NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE deferred_replies (
    id uuid NOT NULL PRIMARY KEY,
    channel text NOT NULL,
    verb text NOT NULL,
    actor_key text NOT NULL,
    actor_name text NOT NULL,
    data text NOT NULL,
    address text NOT NULL,
    state text NOT NULL,
    attempts integer NOT NULL,
    created_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    failure text NULL
);
CREATE INDEX ix_deferred_replies_due ON deferred_replies (due_at) WHERE state <> 'Done' AND state <> 'Failed';
