-- cartprobe state, schema 1. Times are Unix epoch nanoseconds (INTEGER): exact, and
-- `datetime(started_at / 1e9, 'unixepoch')` shows them in sqlite3. Every table keyed by a
-- probe x environment pair has a `variant` column ('' = the probe itself).

-- One row per finished run: what a pass/fail strip, a sparkline and "since when, and why" need.
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  probe          TEXT    NOT NULL,
  environment    TEXT    NOT NULL,
  variant        TEXT    NOT NULL DEFAULT '',
  verdict        TEXT    NOT NULL,
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER NOT NULL,
  duration_ns    INTEGER NOT NULL,
  failed_step    TEXT,
  component      TEXT,
  reason         TEXT,
  message        TEXT,
  classification TEXT,
  probable_cause TEXT,
  http_status    INTEGER,
  trace_id       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_pair_time ON runs (probe, environment, variant, started_at);

-- Where each pair stands: its streak (which may reach back past the runs kept) and its latest
-- whole result (the step table), as the JSON that `cartprobe run -o json` prints.
CREATE TABLE pair_state (
  probe                TEXT    NOT NULL,
  environment          TEXT    NOT NULL,
  variant              TEXT    NOT NULL DEFAULT '',
  failing_since        INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  latest_result        TEXT,
  updated_at           INTEGER NOT NULL,
  PRIMARY KEY (probe, environment, variant)
);

CREATE TABLE config_changes (
  id          INTEGER PRIMARY KEY,
  probe       TEXT    NOT NULL,
  environment TEXT    NOT NULL,
  variant     TEXT    NOT NULL DEFAULT '',
  at          INTEGER NOT NULL,
  changes     TEXT    NOT NULL  -- JSON array of {path, before, after}
);
CREATE INDEX config_changes_by_pair_time ON config_changes (probe, environment, variant, at);

-- The watched values of each gateway-config pair that changes are measured against.
CREATE TABLE config_baselines (
  probe       TEXT NOT NULL,
  environment TEXT NOT NULL,
  variant     TEXT NOT NULL DEFAULT '',
  document    TEXT NOT NULL,  -- JSON: since, paths, values, last_change
  PRIMARY KEY (probe, environment, variant)
);

CREATE TABLE alert_transitions (
  id          INTEGER PRIMARY KEY,
  alert       TEXT    NOT NULL,
  probe       TEXT    NOT NULL,
  environment TEXT    NOT NULL,
  variant     TEXT    NOT NULL DEFAULT '',
  state       TEXT    NOT NULL,  -- firing | resolved
  at          INTEGER NOT NULL
);
CREATE INDEX alert_transitions_by_pair_time ON alert_transitions (probe, environment, variant, at);

CREATE TABLE alert_instances (
  alert       TEXT    NOT NULL,
  probe       TEXT    NOT NULL,
  environment TEXT    NOT NULL,
  variant     TEXT    NOT NULL DEFAULT '',
  state       TEXT    NOT NULL,  -- inactive | firing | resolved
  document    TEXT    NOT NULL,  -- JSON: the instance snapshot
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (alert, probe, environment, variant)
);

-- Notifications not yet delivered, in queue order. A delivery belongs to its webhook by name
-- and to the webhook's n-th URL: the URL itself (which may carry a token) is never stored.
CREATE TABLE pending_deliveries (
  id          TEXT    PRIMARY KEY,
  seq         INTEGER NOT NULL,
  webhook     TEXT    NOT NULL,
  url_index   INTEGER NOT NULL,  -- -1: the URL is no longer configured
  dedup_key   TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  attempts    INTEGER NOT NULL,
  not_before  INTEGER NOT NULL
);

CREATE TABLE dead_letters (
  seq         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  webhook     TEXT    NOT NULL,
  url_index   INTEGER NOT NULL,
  alert       TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  why         TEXT    NOT NULL,
  attempts    INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  dropped_at  INTEGER NOT NULL
);

-- Evidence episodes (a provider incident, a gateway outage): the evidence page owns the
-- document's shape; this table only keys and orders them.
CREATE TABLE evidence_episodes (
  id          TEXT    PRIMARY KEY,
  probe       TEXT    NOT NULL,
  environment TEXT    NOT NULL,
  variant     TEXT    NOT NULL DEFAULT '',
  opened_at   INTEGER NOT NULL,
  closed_at   INTEGER,
  document    TEXT    NOT NULL
);
CREATE INDEX evidence_episodes_by_pair_time ON evidence_episodes (probe, environment, variant, opened_at);
