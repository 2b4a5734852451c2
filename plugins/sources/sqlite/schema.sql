-- briefing-records/1: a council's records in a SQLite database.
--
-- `briefing convert -d DATA -o records.db` creates or updates a database of
-- this schema, and the sqlite source reads one back (`-d records.db`).  Each
-- table holds one kind of entry of the dataset (docs/data-model.md), one row
-- per entry and one column per field, the values exactly as the dataset
-- writes them: dates as ISO text at their own precision ('2016-07-04',
-- '2016-07', '2016'), closed values as their words ('requires_improvement'),
-- booleans as 0 or 1.  A field the program does not know, and a field given
-- as JSON null where the column cannot say so ("judgement": null for a visit,
-- "end": null), is kept in the row's `extra` column: a JSON object, or NULL.
--
-- Start an empty database by hand with:  sqlite3 records.db < schema.sql
-- (docs/sources.md describes every table).  The program compiles in the same
-- statements (core/sqlite_store_schema.h); tests/e2e/sqlite.sh checks they agree.

-- What the file is: the row ('schema', 'briefing-records/1') is how the
-- program recognises it.  Also 'as_of' (the data's date) and 'extra' (the
-- dataset's own unknown top-level fields, as a JSON object).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('schema', 'briefing-records/1');

-- References that entries cite, by id.
CREATE TABLE sources (
    id        TEXT PRIMARY KEY,
    title     TEXT NOT NULL,
    publisher TEXT,
    date      TEXT,
    url       TEXT,
    extra     TEXT
);

CREATE TABLE councils (
    code      TEXT PRIMARY KEY,  -- GSS code, e.g. 'E10000020'
    la_number TEXT,              -- DfE number, e.g. '926'
    name      TEXT NOT NULL,
    kind      TEXT,              -- county, metropolitan, unitary, london_borough
    region    TEXT,
    extra     TEXT
);

-- A council's statistical neighbours, in order (comparators.statistical_neighbours).
-- A neighbour need not be a council of this database.
CREATE TABLE comparators (
    council_code   TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,
    neighbour_code TEXT NOT NULL,
    position       INTEGER NOT NULL,
    PRIMARY KEY (council_code, neighbour_code)
);

CREATE TABLE inspections (
    id             INTEGER PRIMARY KEY,
    council_code   TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,
    date           TEXT NOT NULL,  -- publication date
    inspected_from TEXT,
    inspected_to   TEXT,
    framework      TEXT,           -- safeguarding_lac, child_protection, looked_after, sif, ilacs, jtai, other
    type           TEXT,           -- full, reinspection, short, focused_visit, monitoring_visit, joint_targeted
    judgement      TEXT,           -- outstanding, good, requires_improvement, adequate, inadequate
    summary        TEXT,
    url            TEXT,
    extra          TEXT
);
CREATE INDEX inspections_council ON inspections (council_code);

-- An inspection's sub-judgements: name -> judgement (NULL: none given).
CREATE TABLE sub_judgements (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    judgement     TEXT,
    PRIMARY KEY (inspection_id, name)
);

CREATE TABLE leaders (
    id           INTEGER PRIMARY KEY,
    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,
    role         TEXT NOT NULL,  -- dcs, chief_executive, lead_member, or any other role
    name         TEXT NOT NULL,
    start        TEXT,
    in_post_on   TEXT,           -- a date the person held the post, when start is not known
    "end"        TEXT,           -- NULL: in post, or not known
    interim      INTEGER,        -- 0 or 1
    note         TEXT,
    extra        TEXT,
    CHECK (start IS NOT NULL OR in_post_on IS NOT NULL)
);
CREATE INDEX leaders_council ON leaders (council_code);

CREATE TABLE interventions (
    id           INTEGER PRIMARY KEY,
    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,
    kind         TEXT NOT NULL,  -- improvement_notice, statutory_direction, commissioner, improvement_adviser,
                                 -- trust, partnership, sector_led_support, other
    start        TEXT NOT NULL,
    "end"        TEXT,           -- NULL: still in force
    "by"         TEXT,
    partner      TEXT,
    summary      TEXT NOT NULL,
    outcome      TEXT,
    extra        TEXT
);
CREATE INDEX interventions_council ON interventions (council_code);

CREATE TABLE metrics (
    id           INTEGER PRIMARY KEY,
    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,
    name         TEXT NOT NULL,  -- e.g. looked_after_rate
    period       TEXT NOT NULL,
    value        REAL NOT NULL,  -- a suppressed figure has no row
    unit         TEXT,           -- count, rate_per_10k, percent, gbp
    england      REAL,
    region       REAL,
    comparator   REAL,
    extra        TEXT
);
CREATE INDEX metrics_council ON metrics (council_code);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,
    date         TEXT NOT NULL,
    headline     TEXT NOT NULL,
    summary      TEXT,
    extra        TEXT
);
CREATE INDEX events_council ON events (council_code);

-- What each entry cites, in order: one table per kind of entry, so that
-- every reference is a foreign key.
CREATE TABLE inspection_cites (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    source_id     TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, source_id)
);
CREATE TABLE leader_cites (
    leader_id INTEGER NOT NULL REFERENCES leaders (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (leader_id, source_id)
);
CREATE TABLE intervention_cites (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    source_id       TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (intervention_id, source_id)
);
CREATE TABLE metric_cites (
    metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (metric_id, source_id)
);
CREATE TABLE event_cites (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (event_id, source_id)
);
