-- Projects are created and changed in chat: whether they use variants, archived, and a row version for conditional saves.
-- An environment's SIP address is '' until an admin sets it.
ALTER TABLE projects ADD COLUMN uses_variants INTEGER NOT NULL DEFAULT 1;
ALTER TABLE projects ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- Which project `numbers` means for one person in one conversation, once they have chosen.
CREATE TABLE project_choices (
    choice_key TEXT NOT NULL PRIMARY KEY,
    project_id TEXT NOT NULL,
    chosen_at TEXT NOT NULL
);

-- Retention deletes by age.
CREATE INDEX ix_deliveries_received ON deliveries (received_at);
CREATE INDEX ix_conversations_updated ON conversations (updated_at);
CREATE INDEX ix_deferred_replies_created ON deferred_replies (created_at);
CREATE INDEX ix_purchase_intents_requested ON purchase_intents (requested_at);
