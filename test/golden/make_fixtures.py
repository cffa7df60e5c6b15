"""Writes the seeded fixture CSVs under test/input/logistic/ and test/input/metrics/.

The CSVs are committed; this script documents how they were made. Rerunning it with the same
NumPy gives the same files. Run from the repository root: /usr/bin/python3 test/golden/make_fixtures.py
"""
import csv
import numpy as np

rng = np.random.default_rng(20261)


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([f"{v:.6f}" if isinstance(v, float) else v for v in r])


def logistic_fixture(name, x, y):
    p = x.shape[1]
    write(f"test/input/logistic/{name}.csv", [f"x{j + 1}" for j in range(p)] + ["y"],
          [[float(v) for v in x[i]] + [int(y[i])] for i in range(len(y))])


# Nearly separable: the label is the sign of a linear score with little noise.
x = rng.normal(size=(60, 2)) * [1.0, 3.0] + [0.5, -2.0]
y = (x[:, 0] + 0.4 * x[:, 1] + 0.8 + rng.normal(scale=0.15, size=60) > 0).astype(int)
logistic_fixture("separable", x, y)

# Imbalanced: about 8% positives, features on very different scales.
x = rng.normal(size=(240, 3)) * [1.0, 50.0, 0.01] + [0.0, 300.0, 0.2]
z = -3.0 + 1.2 * x[:, 0] + 0.01 * (x[:, 1] - 300) + 40 * (x[:, 2] - 0.2)
y = (rng.random(240) < 1 / (1 + np.exp(-z))).astype(int)
logistic_fixture("imbalanced", x, y)

# Collinear: x3 = x1 + 2·x2 exactly (up to the 6-decimal rounding of the CSV).
x12 = np.round(rng.normal(size=(80, 2)), 6)
x = np.column_stack([x12, x12[:, 0] + 2 * x12[:, 1]])
z = 0.3 + 0.8 * x[:, 0] - 0.5 * x[:, 1]
y = (rng.random(80) < 1 / (1 + np.exp(-z))).astype(int)
logistic_fixture("collinear", x, y)

# A constant column between two informative ones.
x = np.column_stack([rng.normal(size=50), np.full(50, 3.0), rng.uniform(0, 10, size=50)])
z = -1.0 + 1.5 * x[:, 0] + 0.2 * x[:, 2]
y = (rng.random(50) < 1 / (1 + np.exp(-z))).astype(int)
logistic_fixture("constant_column", x, y)

# Metrics: scores rounded to one decimal, so there are many ties.
y = (rng.random(40) < 0.35).astype(int)
s = np.clip(np.round(0.3 * y + rng.uniform(0, 0.7, size=40), 1), 0, 1)
write("test/input/metrics/ties.csv", ["y", "score"], [[int(a), float(b)] for a, b in zip(y, s)])

# Metrics: imbalanced, continuous scores.
y = (rng.random(300) < 0.1).astype(int)
s = 1 / (1 + np.exp(-(-2.5 + 1.3 * y + rng.normal(size=300))))
write("test/input/metrics/imbalanced.csv", ["y", "score"], [[int(a), float(b)] for a, b in zip(y, s)])
