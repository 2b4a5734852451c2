#!/usr/bin/env python3
"""Write a synthetic dataset of N English-style councils (deterministic), for batch and scale checks.
usage: synthetic_councils.py N OUT.json

The batch tests' generator, kept in the repository so that the suite stands on its own
(the benchmarks use the same program from the project's shared bench folder)."""
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
r = random.Random(154)
J = ["outstanding", "good", "requires_improvement", "inadequate"]
first = ["Sara", "Michael", "Dave", "Eleanor", "Roger", "Emma", "Ian", "Sam", "Justine", "Peter", "Anne", "Rachel"]
last = ["Tough", "Rosen", "Hill", "Brazil", "Smith", "Corlett", "Chisnall", "Monaghan", "Wanless", "Morgan", "O'Neill", "Brontë"]
councils = []
for i in range(n):
    code = f"E{10000000 + i:08d}"
    ins = []
    y = 2009 + r.randint(0, 3)
    while y < 2024:
        fw = "safeguarding_lac" if y < 2013 else ("sif" if y < 2018 else "ilacs")
        j = r.choice(J[:3] + ["adequate"] if fw == "safeguarding_lac" else J)
        ins.append({"date": f"{y}-{r.randint(1,12):02d}-{r.randint(1,28):02d}", "framework": fw, "type": "full", "judgement": j,
                    "summary": f"Overall effectiveness judged {j.replace('_', ' ')}."})
        if j == "inadequate":
            for k in range(r.randint(1, 4)):
                ins.append({"date": f"{y + (k+1)//3}-{(k*3+3)%12+1:02d}", "framework": fw, "type": "monitoring_visit", "judgement": None})
        y += r.randint(2, 4)
    leaders, d = [], 2008.0
    while d < 2024:
        ten = r.choice([0.3, 0.6, 1.5, 2.5, 4, 6])
        interim = ten < 1
        s, e = d, d + ten
        leaders.append({"role": "dcs", "name": f"{r.choice(first)} {r.choice(last)}", "interim": interim,
                        "start": f"{int(s)}-{int((s%1)*12)+1:02d}", **({"end": f"{int(e)}-{int((e%1)*12)+1:02d}"} if e < 2024 else {})})
        d = e
    iv = []
    if any(x["judgement"] == "inadequate" for x in ins):
        y0 = int([x for x in ins if x["judgement"] == "inadequate"][0]["date"][:4])
        iv.append({"kind": "statutory_direction", "start": f"{y0}-06", "end": f"{y0+2}-06", "by": "Department for Education", "summary": "Directions to improve children's services."})
        if r.random() < 0.4:
            iv.append({"kind": "commissioner", "start": f"{y0}-09", "end": f"{y0+1}-03", "by": "Department for Education", "summary": "Commissioner appointed to assess the council's capacity to improve."})
        if r.random() < 0.2:
            iv.append({"kind": "trust", "start": f"{y0+1}-04", "summary": "Services transferred to an independent children's trust."})
    metrics = []
    base = r.randint(150, 1400)
    for yy in range(2012, 2024):
        base = max(50, int(base * r.uniform(0.92, 1.1)))
        metrics.append({"name": "looked_after_children", "period": f"{yy}-03-31", "value": base, "unit": "count"})
    councils.append({"code": code, "name": f"Shire {i:03d}", "kind": r.choice(["county", "metropolitan", "unitary", "london_borough"]),
                     "region": r.choice(["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East of England", "London", "South East", "South West"]),
                     "inspections": ins, "leaders": leaders, "interventions": iv, "metrics": metrics})
json.dump({"schema": "briefing-dataset/1", "as_of": "2024-01-01", "councils": councils}, open(out, "w"), indent=1, ensure_ascii=False)
