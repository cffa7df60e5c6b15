#!/usr/bin/env python3
"""Golden Ward clusterings from scipy for test/lib/stars/ward_test.ts.

Run from the repository root with Debian's python3-scipy and python3-numpy:
    /usr/bin/python3 test/golden/ward_scipy.py > test/golden/ward_scipy.json
    npx deno fmt test/golden/ward_scipy.json
For each fixture it records scipy's linkage matrix (`linkage(x.reshape(-1, 1), "ward")`) and the
flat clusters of `fcluster(Z, k, "maxclust")`, relabelled 0..c-1 by ascending cluster mean, with
each cluster's min and max.
"""
import csv
import json
import re

import numpy as np
import scipy
from scipy.cluster.hierarchy import fcluster, linkage

MEASURE_DATA = "data/reference/cms-2026/2026 Star Ratings Data Table - Measure Data (Oct 8 2025).csv"


def cms_scores(measure):
    rows = list(csv.reader(open(MEASURE_DATA, encoding="utf-8-sig")))
    header = next(r for r in rows if any(c.startswith("C01:") for c in r))
    col = next(i for i, c in enumerate(header) if c.startswith(measure + ":"))
    out = []
    for r in rows:
        if re.fullmatch(r"[A-Z]\d{4}", r[0].strip()) and re.fullmatch(r"-?[\d.]+\s*%?", r[col].strip()):
            out.append(float(r[col].strip().rstrip("%").strip()))
    return out


def fixture(name, values, k):
    x = np.asarray(values, dtype=float)
    z = linkage(x.reshape(-1, 1), "ward")
    labels = fcluster(z, k, "maxclust")
    clusters = sorted(set(labels.tolist()), key=lambda c: (x[labels == c].mean(), c))
    rank = {c: i for i, c in enumerate(clusters)}
    return {
        "name": name,
        "k": k,
        "values": [float(v) for v in x],
        "linkage": [[int(a), int(b), float(h), int(s)] for a, b, h, s in z.tolist()],
        "labels": [rank[c] for c in labels.tolist()],
        "clusters": [{"min": float(x[labels == c].min()), "max": float(x[labels == c].max()), "size": int((labels == c).sum())} for c in clusters],
    }


def main():
    rng = np.random.default_rng(20261)
    fixtures = [
        fixture("hand-five", [1, 2, 10, 11, 30], 3),
        fixture("uniform-60", np.round(rng.uniform(0, 100, 60), 3).tolist(), 5),
        fixture("normal-integers-200", np.clip(np.round(rng.normal(75, 10, 200)), 0, 100).tolist(), 5),
        fixture("two-decimals-150", np.round(rng.gamma(2.0, 0.15, 150), 2).tolist(), 5),
        fixture("cms-2026-C01", cms_scores("C01"), 5),
        fixture("cms-2026-C28", cms_scores("C28"), 5),
    ]
    json.dump({"generator": f"scipy {scipy.__version__}, numpy {np.__version__}", "fixtures": fixtures}, __import__("sys").stdout, separators=(",", ":"))
    print()


if __name__ == "__main__":
    main()
