#!/usr/bin/env bash
# The csv source: a council's own sheets of leaders, interventions, events
# and metrics, recognised by their default headers or mapped by options.
. "$(dirname "$0")/lib/common.sh"
cd "$WORK" || exit 1

printf '\xef\xbb\xbfCouncil,Role,Name,Start,End,Interim,Note\r\nNorfolk,DCS,Sara Tough,2018-09-01,,No,\r\n926,Chief executive,Tom McCabe,2019,31/03/2024,no,"Retired, after five years"\r\n' >leaders.csv
printf 'council,kind,start,end,by,summary\nE10000020,Statutory direction,2013-10-01,2016-03-31,Department for Education,A direction\n' >interventions.csv
printf 'council,date,headline\nNorfolk County Council,2023-01,"Ofsted: Good, at last"\n' >events.csv
printf 'council,name,period,value,unit,england\nNorfolk,cp_plan_rate,2024-03-31,c,rate_per_10k,x\nNorfolk,cp_plan_rate,2023-03-31,41,"rate per 10,000",x\n' >metrics.csv
expect_exit 0 "$BRIEFING" convert -d leaders.csv -d interventions.csv -d events.csv -d metrics.csv -o all.json

python3 - all.json >check.txt <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], 'rb').read().decode('utf-8', 'replace'))
n = [c for c in d['councils'] if c['code'] == 'E10000020']
print('councils', len(n))
c = n[0]
for l in c['leaders']:
    print('leader', l['role'], l['name'], l.get('start'), l.get('end'), l.get('interim'), l.get('note'))
for i in c['interventions']:
    print('intervention', i['kind'], i['start'], i['end'], i['cites'])
for e in c['events']:
    print('event', e['date'], e['headline'])
for m in c['metrics']:
    print('metric', m['name'], m['period'], m['value'], m['unit'], 'england' in m)
PY
contains check.txt "councils 1"
contains check.txt "leader dcs Sara Tough 2018-09-01 None False None"
contains check.txt "leader chief_executive Tom McCabe 2019 2024-03-31 False Retired, after five years"
contains check.txt "intervention statutory_direction 2013-10-01 2016-03-31 ['csv-interventions']"
contains check.txt "event 2023-01 Ofsted: Good, at last"
contains check.txt "metric cp_plan_rate 2023-03-31 41 rate_per_10k False"
lacks check.txt "2024-03-31 0" "a suppressed value"

# Errors name the file, the line and the column.
printf 'council,role,name,start\nNorfolk,DCS,X,31/13/2020\n' >bad_date.csv
expect_exit 65 "$BRIEFING" convert -d bad_date.csv -o out.json
contains "$WORK/err" "bad_date.csv:2: column \"start\": \"31/13/2020\" is not a date"
printf 'council,kind,start,summary\nNorfolk,special measures,2020-01-01,x\n' >bad_kind.csv
expect_exit 65 "$BRIEFING" convert -d bad_kind.csv -o out.json
contains "$WORK/err" "bad_kind.csv:2: column \"kind\": \"special measures\" is not one of"
printf 'council,role,name\nNorfolk,DCS,X\n' >no_start.csv
expect_exit 65 "$BRIEFING" convert -d no_start.csv -o out.json
contains "$WORK/err" "no_start.csv:2: a leader needs a start date"
printf 'council,role,name,start\nBristol or Bath,DCS,X,2020\n' >bad_council.csv
expect_exit 65 "$BRIEFING" convert -d bad_council.csv -o out.json
contains "$WORK/err" "bad_council.csv:2: column \"council\": no council \"Bristol or Bath\""

# A sheet no source knows is refused with what was expected.
printf 'Authority,Director,Appointed\nNorfolk,X,2020\n' >own.csv
expect_exit 65 "$BRIEFING" convert -d csv:own.csv -o out.json
contains "$WORK/err" "own.csv:1: not a sheet this source knows"

finish
