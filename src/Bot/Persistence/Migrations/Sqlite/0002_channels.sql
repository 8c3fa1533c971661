-- What the channels need to remember across restarts and instances.

CREATE TABLE deliveries (
    delivery_key TEXT NOT NULL PRIMARY KEY,
    received_at TEXT NOT NULL
);

CREATE TABLE conversations (
    conversation_key TEXT NOT NULL PRIMARY KEY,
    address TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE deferred_replies (
    id TEXT NOT NULL PRIMARY KEY,
    channel TEXT NOT NULL,
    verb TEXT NOT NULL,
    actor_key TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    data TEXT NOT NULL,
    address TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    failure TEXT NULL
);
CREATE INDEX ix_deferred_replies_due ON deferred_replies (due_at) WHERE state <> 'Done' AND state <> 'Failed';
