-- What the channels need to remember across restarts and instances.

CREATE TABLE deliveries (
    delivery_key nvarchar(450) NOT NULL CONSTRAINT pk_deliveries PRIMARY KEY,
    received_at datetimeoffset(7) NOT NULL
);

CREATE TABLE conversations (
    conversation_key nvarchar(450) NOT NULL CONSTRAINT pk_conversations PRIMARY KEY,
    address nvarchar(max) NOT NULL,
    updated_at datetimeoffset(7) NOT NULL
);

CREATE TABLE deferred_replies (
    id uniqueidentifier NOT NULL CONSTRAINT pk_deferred_replies PRIMARY KEY,
    channel nvarchar(40) NOT NULL,
    verb nvarchar(100) NOT NULL,
    actor_key nvarchar(400) NOT NULL,
    actor_name nvarchar(400) NOT NULL,
    data nvarchar(max) NOT NULL,
    address nvarchar(max) NOT NULL,
    state nvarchar(20) NOT NULL,
    attempts int NOT NULL,
    created_at datetimeoffset(7) NOT NULL,
    due_at datetimeoffset(7) NOT NULL,
    failure nvarchar(max) NULL
);
CREATE INDEX ix_deferred_replies_due ON deferred_replies (due_at) WHERE state <> 'Done' AND state <> 'Failed';
