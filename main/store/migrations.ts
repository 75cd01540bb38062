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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
