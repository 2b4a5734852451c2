#!/bin/sh
# Renders the councillor pack for any council these official files cover.
#   examples/official/render.sh [COUNCIL] [OUT.pdf]
# COUNCIL is a name, a GSS code or a DfE number (default Norfolk).  The
# program is found on PATH, or given as BRIEFING=path/to/briefing.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
council=${1:-Norfolk}
out=${2:-$(printf '%s' "$council" | tr -c 'A-Za-z0-9\n' '-').pdf}
# DfE's children's social care dashboard files (README.md says where to get
# them), when present in $DASHBOARD (default: dashboard/ beside this script):
# every CSV there is read too, for the "How we compare" section, and the
# revenue outturn workbook (RO3*.ods) for spend per child.
dash=${DASHBOARD:-$here/dashboard}
set --
for f in "$dash"/*.csv "$dash"/RO3*.ods; do [ -f "$f" ] && set -- "$@" -d "$f"; done
exec "${BRIEFING:-briefing}" generate -t councillor-pack \
  -d "$here/ofsted_la_inspections_2009_2023_current_las.csv" \
  -d "$here/ofsted_la_inspection_outcomes_at_31_march_2025.csv" \
  -d "$here/ofsted_ilacs_inspection_history_2018_2025.csv" \
  -d "$here/dfe_cla_number_and_rate_per_10k_children_2020_2024.csv" \
  -d "$here/dfe_csww_workforce_indicators_2017_2025.csv" \
  -d "$here/dfe_statistical_neighbours_2025.csv" \
  "$@" -c "$council" -o "$out"
