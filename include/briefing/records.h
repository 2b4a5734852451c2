/*
 * briefing/records.h: the records database, schema briefing-records/1, as
 * both of its sides see it: `briefing convert -o records.db` writes it
 * (core/sqlite_store.c) and the sqlite source plugin reads it back
 * (plugins/sources/sqlite).  This header is the schema's one source: the
 * writer creates a database with BRIEFING_RECORDS_SQL, the reader checks
 * BRIEFING_RECORDS_SCHEMA and reads the tables named here, and the build
 * writes the same statements to share/briefing/records-schema.sql for
 * whoever makes a database by hand (sqlite3 records.db < records-schema.sql).
 * A third party's plugin that reads or writes such a file includes it too.
 *
 * Edit the statements here, and only here; docs/sources.md describes every
 * table.  Changing a table or a column is a new schema: give it a new name
 * ("briefing-records/2"), since files of the old one exist.
 */
#ifndef BRIEFING_RECORDS_H
#define BRIEFING_RECORDS_H

/* The value of the meta row ('schema', ...) that marks such a file. */
#define BRIEFING_RECORDS_SCHEMA "briefing-records/1"

/* The tables of one kind of dataset entry each, and the tables of their
 * citations (one row per cited source, in order) with the column naming
 * the entry. */
#define BRIEFING_RECORDS_META "meta"
#define BRIEFING_RECORDS_SOURCES "sources"
#define BRIEFING_RECORDS_COUNCILS "councils"
#define BRIEFING_RECORDS_COMPARATORS "comparators"
#define BRIEFING_RECORDS_INSPECTIONS "inspections"
#define BRIEFING_RECORDS_SUB_JUDGEMENTS "sub_judgements"
#define BRIEFING_RECORDS_LEADERS "leaders"
#define BRIEFING_RECORDS_INTERVENTIONS "interventions"
#define BRIEFING_RECORDS_METRICS "metrics"
#define BRIEFING_RECORDS_EVENTS "events"
#define BRIEFING_RECORDS_INSPECTION_CITES "inspection_cites"
#define BRIEFING_RECORDS_LEADER_CITES "leader_cites"
#define BRIEFING_RECORDS_INTERVENTION_CITES "intervention_cites"
#define BRIEFING_RECORDS_METRIC_CITES "metric_cites"
#define BRIEFING_RECORDS_EVENT_CITES "event_cites"

/* The statements that make an empty database of the schema, comments and
 * all, exactly as installed in records-schema.sql. */
#define BRIEFING_RECORDS_SQL \
    "-- briefing-records/1: a council's records in a SQLite database.\n" \
    "--\n" \
    "-- `briefing convert -d DATA -o records.db` creates or updates a database of\n" \
    "-- this schema, and the sqlite source reads one back (`-d records.db`).  Each\n" \
    "-- table holds one kind of entry of the dataset (docs/data-model.md), one row\n" \
    "-- per entry and one column per field, the values exactly as the dataset\n" \
    "-- writes them: dates as ISO text at their own precision ('2016-07-04',\n" \
    "-- '2016-07', '2016'), closed values as their words ('requires_improvement'),\n" \
    "-- booleans as 0 or 1.  A field the program does not know, and a field given\n" \
    "-- as JSON null where the column cannot say so (\"judgement\": null for a visit,\n" \
    "-- \"end\": null), is kept in the row's `extra` column: a JSON object, or NULL.\n" \
    "--\n" \
    "-- Start an empty database by hand with:  sqlite3 records.db < records-schema.sql\n" \
    "-- (docs/sources.md describes every table).  Written from the one source of the\n" \
    "-- schema, include/briefing/records.h, which the program and the sqlite source share.\n" \
    "\n" \
    "-- What the file is: the row ('schema', 'briefing-records/1') is how the\n" \
    "-- program recognises it.  Also 'as_of' (the data's date) and 'extra' (the\n" \
    "-- dataset's own unknown top-level fields, as a JSON object).\n" \
    "CREATE TABLE meta (\n" \
    "    key   TEXT PRIMARY KEY,\n" \
    "    value TEXT NOT NULL\n" \
    ");\n" \
    "INSERT INTO meta (key, value) VALUES ('schema', 'briefing-records/1');\n" \
    "\n" \
    "-- References that entries cite, by id.\n" \
    "CREATE TABLE sources (\n" \
    "    id        TEXT PRIMARY KEY,\n" \
    "    title     TEXT NOT NULL,\n" \
    "    publisher TEXT,\n" \
    "    date      TEXT,\n" \
    "    url       TEXT,\n" \
    "    extra     TEXT\n" \
    ");\n" \
    "\n" \
    "CREATE TABLE councils (\n" \
    "    code      TEXT PRIMARY KEY,  -- GSS code, e.g. 'E10000020'\n" \
    "    la_number TEXT,              -- DfE number, e.g. '926'\n" \
    "    name      TEXT NOT NULL,\n" \
    "    kind      TEXT,              -- county, metropolitan, unitary, london_borough\n" \
    "    region    TEXT,\n" \
    "    extra     TEXT\n" \
    ");\n" \
    "\n" \
    "-- A council's statistical neighbours, in order (comparators.statistical_neighbours).\n" \
    "-- A neighbour need not be a council of this database.\n" \
    "CREATE TABLE comparators (\n" \
    "    council_code   TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,\n" \
    "    neighbour_code TEXT NOT NULL,\n" \
    "    position       INTEGER NOT NULL,\n" \
    "    PRIMARY KEY (council_code, neighbour_code)\n" \
    ");\n" \
    "\n" \
    "CREATE TABLE inspections (\n" \
    "    id             INTEGER PRIMARY KEY,\n" \
    "    council_code   TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,\n" \
    "    date           TEXT NOT NULL,  -- publication date\n" \
    "    inspected_from TEXT,\n" \
    "    inspected_to   TEXT,\n" \
    "    framework      TEXT,           -- safeguarding_lac, child_protection, looked_after, sif, ilacs, jtai, other\n" \
    "    type           TEXT,           -- full, reinspection, short, focused_visit, monitoring_visit, joint_targeted\n" \
    "    judgement      TEXT,           -- outstanding, good, requires_improvement, adequate, inadequate\n" \
    "    summary        TEXT,\n" \
    "    url            TEXT,\n" \
    "    extra          TEXT\n" \
    ");\n" \
    "CREATE INDEX inspections_council ON inspections (council_code);\n" \
    "\n" \
    "-- An inspection's sub-judgements: name -> judgement (NULL: none given).\n" \
    "CREATE TABLE sub_judgements (\n" \
    "    inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,\n" \
    "    name          TEXT NOT NULL,\n" \
    "    judgement     TEXT,\n" \
    "    PRIMARY KEY (inspection_id, name)\n" \
    ");\n" \
    "\n" \
    "CREATE TABLE leaders (\n" \
    "    id           INTEGER PRIMARY KEY,\n" \
    "    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,\n" \
    "    role         TEXT NOT NULL,  -- dcs, chief_executive, lead_member, or any other role\n" \
    "    name         TEXT NOT NULL,\n" \
    "    start        TEXT,\n" \
    "    in_post_on   TEXT,           -- a date the person held the post, when start is not known\n" \
    "    \"end\"        TEXT,           -- NULL: in post, or not known\n" \
    "    interim      INTEGER,        -- 0 or 1\n" \
    "    note         TEXT,\n" \
    "    extra        TEXT,\n" \
    "    CHECK (start IS NOT NULL OR in_post_on IS NOT NULL)\n" \
    ");\n" \
    "CREATE INDEX leaders_council ON leaders (council_code);\n" \
    "\n" \
    "CREATE TABLE interventions (\n" \
    "    id           INTEGER PRIMARY KEY,\n" \
    "    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,\n" \
    "    kind         TEXT NOT NULL,  -- improvement_notice, statutory_direction, commissioner, improvement_adviser,\n" \
    "                                 -- trust, partnership, sector_led_support, other\n" \
    "    start        TEXT NOT NULL,\n" \
    "    \"end\"        TEXT,           -- NULL: still in force\n" \
    "    \"by\"         TEXT,\n" \
    "    partner      TEXT,\n" \
    "    summary      TEXT NOT NULL,\n" \
    "    outcome      TEXT,\n" \
    "    extra        TEXT\n" \
    ");\n" \
    "CREATE INDEX interventions_council ON interventions (council_code);\n" \
    "\n" \
    "CREATE TABLE metrics (\n" \
    "    id           INTEGER PRIMARY KEY,\n" \
    "    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,\n" \
    "    name         TEXT NOT NULL,  -- e.g. looked_after_rate\n" \
    "    period       TEXT NOT NULL,\n" \
    "    value        REAL NOT NULL,  -- a suppressed figure has no row\n" \
    "    unit         TEXT,           -- count, rate_per_10k, percent, gbp\n" \
    "    england      REAL,\n" \
    "    region       REAL,\n" \
    "    comparator   REAL,\n" \
    "    extra        TEXT\n" \
    ");\n" \
    "CREATE INDEX metrics_council ON metrics (council_code);\n" \
    "\n" \
    "CREATE TABLE events (\n" \
    "    id           INTEGER PRIMARY KEY,\n" \
    "    council_code TEXT NOT NULL REFERENCES councils (code) ON UPDATE CASCADE ON DELETE CASCADE,\n" \
    "    date         TEXT NOT NULL,\n" \
    "    headline     TEXT NOT NULL,\n" \
    "    summary      TEXT,\n" \
    "    extra        TEXT\n" \
    ");\n" \
    "CREATE INDEX events_council ON events (council_code);\n" \
    "\n" \
    "-- What each entry cites, in order: one table per kind of entry, so that\n" \
    "-- every reference is a foreign key.\n" \
    "CREATE TABLE inspection_cites (\n" \
    "    inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,\n" \
    "    source_id     TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,\n" \
    "    position      INTEGER NOT NULL,\n" \
    "    PRIMARY KEY (inspection_id, source_id)\n" \
    ");\n" \
    "CREATE TABLE leader_cites (\n" \
    "    leader_id INTEGER NOT NULL REFERENCES leaders (id) ON DELETE CASCADE,\n" \
    "    source_id TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,\n" \
    "    position  INTEGER NOT NULL,\n" \
    "    PRIMARY KEY (leader_id, source_id)\n" \
    ");\n" \
    "CREATE TABLE intervention_cites (\n" \
    "    intervention_id INTEGER NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,\n" \
    "    source_id       TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,\n" \
    "    position        INTEGER NOT NULL,\n" \
    "    PRIMARY KEY (intervention_id, source_id)\n" \
    ");\n" \
    "CREATE TABLE metric_cites (\n" \
    "    metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,\n" \
    "    source_id TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,\n" \
    "    position  INTEGER NOT NULL,\n" \
    "    PRIMARY KEY (metric_id, source_id)\n" \
    ");\n" \
    "CREATE TABLE event_cites (\n" \
    "    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,\n" \
    "    source_id TEXT NOT NULL REFERENCES sources (id) ON UPDATE CASCADE,\n" \
    "    position  INTEGER NOT NULL,\n" \
    "    PRIMARY KEY (event_id, source_id)\n" \
    ");\n"

#endif
