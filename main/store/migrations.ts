/**
 * The cache schema, one entry per version; `PRAGMA user_version` records how far a file has come.
 * Never edit a released migration: add the next one.
 * All times are Unix seconds, UTC.
 */

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'fleet cache: partners, customers, devices, data-source state, runs, poll log',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE partners (
        id        INTEGER PRIMARY KEY,        -- Cove partner id
        parent_id INTEGER,
        name      TEXT NOT NULL,
        level     TEXT NOT NULL
      );

      CREATE TABLE customers (
        id            INTEGER PRIMARY KEY,    -- Cove partner id of the end customer
        name          TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL
      );

      CREATE TABLE devices (
        id             INTEGER PRIMARY KEY,   -- Cove account id: stable across renames
        customer_id    INTEGER NOT NULL REFERENCES customers(id),
        partner_id     INTEGER NOT NULL,      -- the device's own partner (customer or site)
        name           TEXT NOT NULL,
        computer_name  TEXT,
        kind           TEXT NOT NULL CHECK (kind IN ('server', 'workstation', 'm365', 'unknown')),
        os_type        INTEGER,
        account_type   INTEGER,
        os_version     TEXT,
        client_version TEXT,
        used_storage   INTEGER,
        first_seen_at  INTEGER NOT NULL,
        removed_at     INTEGER                -- gone from Cove; kept with its history, never "failed"
      );
      CREATE INDEX devices_by_customer ON devices(customer_id);

      CREATE TABLE device_names (
        device_id     INTEGER NOT NULL REFERENCES devices(id),
        name          TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        PRIMARY KEY (device_id, name)
      ) WITHOUT ROWID;

      -- The last-session facts per data source; code D09 is Cove's Total for the device.
      CREATE TABLE data_sources (
        device_id        INTEGER NOT NULL REFERENCES devices(id),
        code             TEXT NOT NULL,
        active           INTEGER NOT NULL,    -- listed in I78 at the last poll (D09 always)
        cove_status      INTEGER,
        errors           INTEGER,
        color_bar        TEXT,
        last_success_at  INTEGER,
        last_session_at  INTEGER,
        selected_size    INTEGER,
        sent_size        INTEGER,
        duration_seconds INTEGER,
        changed_at       INTEGER NOT NULL,
        PRIMARY KEY (device_id, code)
      ) WITHOUT ROWID;

      -- One row per observed backup session. Colour-bar rows are backfilled on first sight and
      -- carry the day (00:00 UTC) rather than the session's exact time.
      CREATE TABLE runs (
        id               INTEGER PRIMARY KEY,
        device_id        INTEGER NOT NULL REFERENCES devices(id),
        data_source      TEXT NOT NULL,
        session_at       INTEGER NOT NULL,
        cove_status      INTEGER,
        errors           INTEGER,
        selected_size    INTEGER,
        sent_size        INTEGER,
        duration_seconds INTEGER,
        origin           TEXT NOT NULL CHECK (origin IN ('session', 'colour-bar')),
        recorded_at      INTEGER NOT NULL,
        UNIQUE (device_id, data_source, session_at)
      );
      CREATE INDEX runs_by_session_time ON runs(session_at);

      CREATE TABLE polls (
        id              INTEGER PRIMARY KEY,
        source          TEXT NOT NULL CHECK (source IN ('cove', 'demo')),
        started_at      INTEGER NOT NULL,
        duration_ms     INTEGER NOT NULL,
        calls           INTEGER NOT NULL,
        outcome         TEXT NOT NULL,        -- ok | credentials | permission | unreachable | protocol | rpc | storage
        message         TEXT,
        devices         INTEGER,
        new_runs        INTEGER,
        removed_devices INTEGER,
        unreadable_rows INTEGER
      );
    `,
  },
  {
    version: 2,
    description: 'uploads to Backupchecks: run confirmations, the upload outbox, the upload attempt log',
    sql: `
      -- A technician's confirmation of one run (Backupchecks' "mark as reviewed").
      CREATE TABLE run_confirmations (
        run_id       INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        confirmed_by TEXT NOT NULL,            -- display name, as Backupchecks shows "Reviewed by"
        confirmed_at INTEGER NOT NULL,
        note         TEXT,
        outcome      TEXT NOT NULL CHECK (outcome IN ('reviewed', 'mark_success')),
        reason       TEXT,
        CHECK (outcome <> 'mark_success' OR length(trim(coalesce(reason, ''))) > 0)
      );

      -- One upload per confirmed run. The payload is a snapshot taken at confirmation, so a resend
      -- is byte-identical and the receiver's idempotency (per external_id) makes it harmless.
      -- run_id loses its link (not the upload) if the cache is reset for another Cove account.
      CREATE TABLE upload_outbox (
        id               INTEGER PRIMARY KEY,
        run_id           INTEGER UNIQUE REFERENCES runs(id) ON DELETE SET NULL,
        external_id      TEXT NOT NULL UNIQUE,
        mode             TEXT NOT NULL CHECK (mode IN ('run', 'review')),
        payload          TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'retrying', 'sent', 'staged', 'conflict', 'rejected')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER,              -- when queued/retrying items are due
        receipt_id       TEXT,                 -- Backupchecks' run id, or staged:<id>
        last_http_status INTEGER,
        last_error       TEXT,
        detail           TEXT,                 -- why the item is in its state, for the window
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        sent_at          INTEGER
      );
      CREATE INDEX upload_outbox_due ON upload_outbox(state, next_attempt_at);

      -- Every upload attempt, per item: an answer (http_status) or no answer (network_error).
      CREATE TABLE upload_attempts (
        id            INTEGER PRIMARY KEY,
        attempted_at  INTEGER NOT NULL,
        external_id   TEXT NOT NULL,
        request_id    TEXT NOT NULL,           -- items sent in one batch share it
        http_status   INTEGER,
        network_error TEXT,
        result_state  TEXT NOT NULL,           -- the outbox state the attempt led to
        duration_ms   INTEGER
      );
      CREATE INDEX upload_attempts_by_item ON upload_attempts(external_id, attempted_at);
    `,
  },
  {
    version: 3,
    description: 'notifications: last notified state, acknowledgements, snoozes, held changes, settings, log',
    // No foreign keys to devices: the fleet cache deletes devices when it adopts another Cove
    // account, and leftover rows here are forgotten at the next evaluation instead.
    sql: `
      -- The last notified state per device (code D09, its Total) and per data source.
      CREATE TABLE notify_subjects (
        device_id      INTEGER NOT NULL,
        code           TEXT NOT NULL,
        first_seen_at  INTEGER NOT NULL,      -- start of the onboarding grace
        observed       TEXT,                  -- status at the last evaluated poll
        pending        TEXT CHECK (pending IN ('failed', 'stale', 'never')),   -- seen once, awaiting a second poll (flap control)
        pending_since  INTEGER,
        notified       TEXT CHECK (notified IN ('failed', 'stale', 'never')),  -- told (or consumed while muted); NULL = nothing outstanding
        problem_since  INTEGER,
        escalated      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (device_id, code)
      ) WITHOUT ROWID;

      CREATE TABLE notify_acknowledgements (
        device_id       INTEGER PRIMARY KEY,
        acknowledged_by TEXT NOT NULL,
        reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        acknowledged_at INTEGER NOT NULL,
        expires_at      INTEGER NOT NULL
      );

      CREATE TABLE notify_snoozes (
        scope      TEXT NOT NULL CHECK (scope IN ('device', 'customer', 'all')),
        target_id  INTEGER NOT NULL,          -- device or customer id; 0 for all
        until      INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, target_id)
      ) WITHOUT ROWID;

      -- Changes that happened while muted, summed up in one digest when the mute ends.
      CREATE TABLE notify_held (
        subject     TEXT PRIMARY KEY,         -- device:<id> or connection
        device_id   INTEGER,
        customer_id INTEGER,
        name        TEXT NOT NULL,
        category    TEXT NOT NULL,
        held_at     INTEGER NOT NULL,
        announced   INTEGER NOT NULL          -- a problem of this subject was shown before the mute
      ) WITHOUT ROWID;

      -- Small JSON values: quiet hours, the poll-outage state.
      CREATE TABLE notify_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- What was shown, for the window's notifications panel (pruned to the newest rows).
      CREATE TABLE notify_log (
        id         INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        title      TEXT NOT NULL,
        body       TEXT NOT NULL,
        urgency    TEXT NOT NULL CHECK (urgency IN ('normal', 'critical')),
        target     TEXT NOT NULL,             -- JSON NotificationTarget
        actions    TEXT                       -- JSON array, or NULL
      );
      CREATE INDEX notify_log_by_time ON notify_log(created_at);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
