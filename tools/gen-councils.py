#!/usr/bin/env python3
"""Generates core/councils_data.c, the register of English councils past and
present, from the official Ofsted and DfE files (examples/official/), the former
councils listed below and known spellings.

Run once, when the official files change, and commit the output:

    python3 tools/gen-councils.py examples/official > core/councils_data.c

One entry per DfE LA number: a council that ONS recoded without changing what
it is (Barnsley, Sheffield, North Yorkshire, Somerset, Buckinghamshire) keeps
one entry under its newest code, its earlier codes kept as `former_codes`.
The name index holds every spelling folded by `fold()`, which must stay the
same as councils_fold() in core/councils_register.c (test_councils checks that every
spelling here resolves to its entry).
"""
import csv
import os
import re
import sys

# Former councils (data/README.md): la_number -> (code, name, kind, region,
# successors' la numbers, abolished).
FORMER = {
    "928": ("E10000021", "Northamptonshire", "county", "East Midlands", ["940", "941"], "2021-04-01"),
    "835": ("E10000009", "Dorset County Council", "county", "South West", ["838", "839"], "2019-04-01"),
    "837": ("E06000028", "Bournemouth", "unitary", "South West", ["839"], "2019-04-01"),
    "836": ("E06000029", "Poole", "unitary", "South West", ["839"], "2019-04-01"),
    "909": ("E10000006", "Cumbria", "county", "North West", ["942", "943"], "2023-04-01"),
}

# Spellings met in other files and in use, by la_number.
VARIANTS = {
    "801": ["Bristol", "Bristol, City of", "City of Bristol", "Bristol City"],
    "840": ["Durham", "County Durham", "Durham County"],
    "884": ["Herefordshire", "Herefordshire, County of", "County of Herefordshire"],
    "810": ["Kingston upon Hull", "Kingston Upon Hull, City of", "Kingston upon Hull, City of",
            "Hull", "City of Hull", "Hull City"],
    "822": ["Bedford", "Bedford Borough"],
    "318": ["Richmond upon Thames", "Richmond Upon Thames", "Richmond"],
    "314": ["Kingston upon Thames", "Kingston"],
    "839": ["Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch & Poole", "BCP"],
    "342": ["St Helens", "St. Helens", "Saint Helens"],
    "201": ["City of London", "London, City of", "Corporation of London"],
    "420": ["Isles of Scilly", "Scilly", "Isles of Scilly Council"],
    "882": ["Southend-on-Sea", "Southend"],
    "868": ["Windsor and Maidenhead", "Royal Borough of Windsor and Maidenhead"],
    "835": ["Dorset County Council", "Dorset (former county)"],
}

# What Ofsted's "LA Authority Type" means in the data model.
KINDS = {
    "shire county": "county",
    "metropolitan district": "metropolitan",
    "unitary": "unitary",
    "london borough": "london_borough",
}

# Councils that became unitary after the 2009-2023 file's types were set.
KIND_NOW = {"815": "unitary", "933": "unitary", "825": "unitary"}


def fold(s):
    """Same as councils_fold() in core/councils_register.c."""
    s = s.lower().replace("&", " and ")
    s = re.sub(r"[.'\u2019]", "", s)
    s = re.sub(r"[,\-]", " ", s)
    s = re.sub(r"[ \t\r\n\v\f\u00a0]+", " ", s)
    return s.strip()


def rows(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


def cstr(s):
    if s is None:
        return "NULL"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "examples/official"
    entries = {}  # la_number -> dict

    def entry(la):
        return entries.setdefault(la, {"la": la, "codes": {}, "names": [], "region": None,
                                        "kind": None, "name": None})

    def seen(la, code, name, region, year):
        if not la or "/" in la or not la.isdigit():
            return  # combined rows ("940 / 941") name no single council
        e = entry(la)
        if code:
            e["codes"][code] = max(e["codes"].get(code, 0), year)
        if name and name not in e["names"]:
            e["names"].append(name)
        if region:
            e["region"] = region

    for r in rows(folder, "dfe_cla_number_and_rate_per_10k_children_2020_2024.csv"):
        if r["geographic_level"] == "Local authority":
            seen(r["old_la_code"], r["new_la_code"], r["la_name"], r["region_name"], int(r["time_period"]))
    for r in rows(folder, "dfe_csww_workforce_indicators_2017_2025.csv"):
        if r["geographic_level"] == "Local authority":
            seen(r["old_la_code"], r["new_la_code"], r["la_name"], r["region_name"], int(r["time_period"]))
    for r in rows(folder, "dfe_statistical_neighbours_2025.csv"):
        seen(r["old_la_code"], None, r["la_name"], None, 0)

    # Ofsted's names, by code, through the entries' codes.
    by_code = {}
    for e in entries.values():
        for c in e["codes"]:
            by_code[c] = e
    ofsted_name = {}
    for f in ("ofsted_la_inspection_outcomes_at_31_march_2025.csv",
              "ofsted_ilacs_inspection_history_2018_2025.csv"):
        for r in rows(folder, f):
            e = by_code[r["Local authority area code"]]
            n = r["Local authority name"]
            if n not in e["names"]:
                e["names"].append(n)
            ofsted_name.setdefault(e["la"], n)

    for la, extra in VARIANTS.items():
        for n in extra:
            if n not in entry(la)["names"]:
                entry(la)["names"].append(n)

    # Former councils: their own code and name; spellings that a current
    # council also has ("Dorset") stay with the current council.
    current_keys = set()
    for la, e in entries.items():
        if la not in FORMER:
            current_keys.update(fold(n) for n in e["names"])
    for la, (code, name, kind, region, succ, abolished) in FORMER.items():
        e = entry(la)
        e["codes"] = {code: 9999}
        e["name"] = name
        e["kind"] = kind
        e["region"] = region
        e["successors"] = succ
        e["abolished"] = abolished
        e["names"] = [name] + [n for n in e["names"] if fold(n) not in current_keys and n != name]

    # Kinds from the 2009-2023 file, matched by folded name.
    key_to_la = {}
    for la, e in entries.items():
        for n in e["names"]:
            k = fold(n)
            if k in key_to_la and key_to_la[k] != la:
                sys.exit("gen-councils: %r names both %s and %s" % (n, key_to_la[k], la))
            key_to_la[k] = la
    for r in rows(folder, "ofsted_la_inspections_2009_2023_current_las.csv"):
        n = r["Local authority name"]
        la = key_to_la.get(fold(n))
        if la is None:
            sys.exit("gen-councils: no council for %r in the 2009-2023 file" % n)
        e = entries[la]
        if n not in e["names"]:
            e["names"].append(n)
        if la not in FORMER:
            e["kind"] = KINDS[r["LA Authority Type"].strip().lower()]
    for la, k in KIND_NOW.items():
        entries[la]["kind"] = k

    for la, e in entries.items():
        if la in FORMER:
            continue
        # The newest code is the key; Ofsted's spelling (with "and" for "&")
        # is the name a briefing shows.
        e["code"] = max(e["codes"], key=lambda c: (e["codes"][c], c))
        e["former_codes"] = sorted(c for c in e["codes"] if c != e["code"])
        e["name"] = ofsted_name.get(la, e["names"][0]).replace(" & ", " and ")
        if e["name"] not in e["names"]:
            e["names"].insert(0, e["name"])
        if e["kind"] is None:
            e["kind"] = "unitary"  # councils formed after 2023 (Cumberland, ...)
        e["successors"] = []
        e["abolished"] = None
    for la, e in entries.items():
        if la in FORMER:
            e["code"] = FORMER[la][0]
            e["former_codes"] = []
        missing = [f for f in ("code", "name", "region", "kind") if not e.get(f)]
        if missing:
            sys.exit("gen-councils: %s lacks %s" % (la, ", ".join(missing)))

    order = sorted(entries.values(), key=lambda e: (fold(e["name"]), e["la"]))
    index = {e["la"]: i for i, e in enumerate(order)}
    code_of = {e["la"]: e["code"] for e in order}

    out = []
    w = out.append
    w("/* Generated by tools/gen-councils.py from the official Ofsted and DfE files")
    w(" * (Open Government Licence v3.0) and data/README.md.  Do not edit: change")
    w(" * the script and run it again. */")
    w('#include "councils_register.h"')
    w("")
    w("#include <stddef.h>")
    w("")
    for e in order:
        la = e["la"]
        if e["successors"]:
            w("static const char *const succ_%s[] = {%s, NULL};" %
              (la, ", ".join(cstr(code_of[s]) for s in e["successors"])))
        if e["former_codes"]:
            w("static const char *const fc_%s[] = {%s, NULL};" %
              (la, ", ".join(cstr(c) for c in e["former_codes"])))
        variants = [n for n in e["names"] if n != e["name"]]
        e["variants"] = variants
        if variants:
            w("static const char *const var_%s[] = {%s, NULL};" %
              (la, ", ".join(cstr(n) for n in variants)))
    w("")
    w("const briefing_council_info councils_table[] = {")
    for e in order:
        la = e["la"]
        w("    {.code = %s, .la_number = %s, .name = %s, .region = %s, .kind = %s, .former = %d," %
          (cstr(e["code"]), cstr(la), cstr(e["name"]), cstr(e["region"]), cstr(e["kind"]),
           1 if la in FORMER else 0))
        w("     .successors = %s, .n_successors = %d, .former_codes = %s, .n_former_codes = %d," %
          ("succ_" + la if e["successors"] else "NULL", len(e["successors"]),
           "fc_" + la if e["former_codes"] else "NULL", len(e["former_codes"])))
        w("     .variants = %s, .n_variants = %d, .abolished = %s}," %
          ("var_" + la if e["variants"] else "NULL", len(e["variants"]), cstr(e["abolished"])))
    w("};")
    w("const size_t councils_table_len = sizeof councils_table / sizeof councils_table[0];")
    w("")

    def emit_index(name, pairs):
        pairs = sorted(set(pairs), key=lambda p: (p[0].encode("utf-8"), p[1]))
        w("const councils_key %s[] = {" % name)
        for k, i in pairs:
            w("    {%s, %d}," % (cstr(k), i))
        w("};")
        w("const size_t %s_len = sizeof %s / sizeof %s[0];" % (name, name, name))
        w("")

    emit_index("councils_code_index",
               [(c, index[e["la"]]) for e in order for c in [e["code"]] + e["former_codes"]])
    emit_index("councils_la_index", [(e["la"], index[e["la"]]) for e in order])
    emit_index("councils_name_index",
               [(fold(n), index[e["la"]]) for e in order for n in [e["name"]] + e["variants"]])
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
