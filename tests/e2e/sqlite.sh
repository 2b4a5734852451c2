#!/usr/bin/env bash
# Records databases: a council's data converted into SQLite and back, a
# briefing generated from one, an update with a second council, and the
# errors of damaged, foreign and unwritable files.
. "$(dirname "$0")/lib/common.sh"
cd "$WORK" || exit 1
EX=$SRC/examples/data

# same A.json B.json: prints "same" when the two datasets hold the same
# things (lists as sets, numbers as numbers), else what differs.
same() {
  python3 - "$1" "$2" <<'PY'
import json, sys
def norm(x):
    if isinstance(x, bool) or x is None: return x
    if isinstance(x, (int, float)): return float(x)
    if isinstance(x, dict): return {k: norm(v) for k, v in x.items()}
    if isinstance(x, list): return sorted(json.dumps(norm(v), sort_keys=True) for v in x)
    return x
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
if norm(a) == norm(b):
    print('same')
else:
    for k in sorted(set(a) | set(b)):
        if norm(a.get(k)) != norm(b.get(k)): print('differ in', k)
PY
}

# Norfolk into a database and back: nothing lost, nothing added.
expect_exit 0 "$BRIEFING" convert -d "$EX/norfolk.json" -o records.db
head -c 16 records.db | grep -qa "SQLite format 3" && pass || fail "records.db is not a SQLite file"
expect_exit 0 "$BRIEFING" convert -d records.db -o back.json
same "$EX/norfolk.json" back.json >cmp.txt
contains cmp.txt "same" "norfolk.json -> records.db -> back.json"

# The schema has one source, include/briefing/records.h: the program
# writes it and the build writes it to share/briefing/records-schema.sql.
# A database made by hand from that file holds the program's tables word
# for word, and is read.
SQL=${BRIEFING_BUILD_DIR:?}/share/briefing/records-schema.sql
[ -s "$SQL" ] && pass || fail "the build wrote no $SQL"
python3 - "$SQL" records.db hand.db >schema.txt <<'PY'
import sqlite3, sys
schema, written, hand = sys.argv[1:4]
def objects(path):
    c = sqlite3.connect(path)
    rows = set(c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    c.close()
    return rows
h = sqlite3.connect(hand)
h.executescript(open(schema, encoding='utf-8').read())
h.executescript("""
INSERT INTO councils (code, name, kind) VALUES ('E06000023', 'Bristol', 'unitary');
INSERT INTO sources (id, title) VALUES ('notes', 'Officer notes');
INSERT INTO inspections (council_code, date, framework, type, judgement)
  VALUES ('E06000023', '2019-03-20', 'ilacs', 'full', 'requires_improvement');
INSERT INTO sub_judgements VALUES (1, 'leadership', 'good');
INSERT INTO inspection_cites VALUES (1, 'notes', 1);
INSERT INTO leaders (council_code, role, name, start, interim) VALUES ('E06000023', 'dcs', 'A. Person', '2020-01', 1);
""")
h.commit()
h.close()
print('schema', 'agrees' if objects(hand) == objects(written) else 'differs')
PY
contains schema.txt "schema agrees" "the tables of records-schema.sql and of the program's database"
expect_exit 0 "$BRIEFING" convert -d hand.db -o hand.json
python3 - hand.json >hand.txt <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))['councils'][0]
i = c['inspections'][0]
print(c['code'], i['judgement'], i['sub_judgements'], i['cites'], c['leaders'][0]['interim'])
PY
contains hand.txt "E06000023 requires_improvement {'leadership': 'good'} ['notes'] True"

# A briefing from the database.
expect_exit 0 "$BRIEFING" generate -t councillor-pack -d records.db -o norfolk.pdf
pdf_ok norfolk.pdf
pdf_text norfolk.pdf
contains "$WORK/text" "Ofsted last judged Norfolk's children's services good"
contains "$WORK/text" "Judged adequate in 2011, inadequate in 2013 and 2015, requires improvement in 2018"

# Updating: Dudley joins Norfolk; converting Norfolk again adds nothing.
expect_exit 0 "$BRIEFING" convert -d "$EX/dudley.json" -o records.db
expect_exit 0 "$BRIEFING" convert -d "$EX/norfolk.json" -o records.db
expect_exit 0 "$BRIEFING" convert -d records.db -o both.json
expect_exit 0 "$BRIEFING" convert -d "$EX/norfolk.json" -d "$EX/dudley.json" -o merged.json
same merged.json both.json >cmp2.txt
contains cmp2.txt "same" "norfolk.json + dudley.json in records.db"
expect_exit 0 "$BRIEFING" generate -t councillor-pack -d records.db -c Dudley -o dudley.pdf
pdf_text dudley.pdf
contains "$WORK/text" "Ofsted last judged Dudley's children's services requires improvement"

# A damaged database is refused, naming the file.
cp records.db broken.db
python3 -c 'import os, sys; os.truncate(sys.argv[1], 8192)' broken.db
expect_exit 65 "$BRIEFING" convert -d broken.db -o x.json
contains "$WORK/err" "broken.db: the database is damaged"
[ ! -e x.json ] && pass || fail "x.json written from a damaged database"
cp broken.db broken-before.db
expect_exit 65 "$BRIEFING" convert -d "$EX/dudley.json" -o broken.db
contains "$WORK/err" "broken.db: the database is damaged"
cmp -s broken.db broken-before.db && pass || fail "a damaged broken.db was changed"

# A SQLite file of another schema is refused with what it is.
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE accounts (id INTEGER)"); c.commit()' other.db
cp other.db other-before.db
expect_exit 65 "$BRIEFING" convert -d other.db -o x.json
contains "$WORK/err" "other.db: a SQLite database, but not briefing records"

# A bad value names the table, the row and the column.
cp records.db bad.db
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE inspections SET judgement = ? WHERE id = 3", ("very good",)); c.commit()' bad.db
expect_exit 65 "$BRIEFING" generate -t councillor-pack -d bad.db -c Norfolk -o bad.pdf
contains "$WORK/err" "bad.db: table inspections, row 3, column judgement: \"very good\" is not one of"
[ ! -e bad.pdf ] && pass || fail "bad.pdf written from a bad database"

# Writing: an output that cannot be created is 73; a file in the way that
# is not a records database is left as it was.
expect_exit 73 "$BRIEFING" convert -d "$EX/norfolk.json" -o "$WORK/no/such/folder/r.db"
expect_exit 73 "$BRIEFING" convert -d "$EX/norfolk.json" -o other.db
contains "$WORK/err" "other.db: a SQLite database, but not briefing records"
cmp -s other.db other-before.db && pass || fail "other.db was changed"
printf 'notes\n' >notes.db
expect_exit 73 "$BRIEFING" convert -d "$EX/norfolk.json" -o notes.db
contains "$WORK/err" "notes.db: exists and is not a SQLite database"
contains notes.db "notes"
expect_exit 64 "$BRIEFING" convert -d "$EX/norfolk.json" -o records.csv
contains "$WORK/err" "or .db or .sqlite"

# Nothing half-written is left beside the outputs.
ls -A | grep '^\.' >leftovers.txt
[ ! -s leftovers.txt ] && pass || { fail "temporary files left:"; cat leftovers.txt >&2; }

finish
