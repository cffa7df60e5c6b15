"""Writes golden values from scikit-learn for the logistic-regression and metric fixtures.

Reads test/input/logistic/*.csv and test/input/metrics/*.csv (made by make_fixtures.py) and
writes test/golden/logistic/NAME.json and test/golden/metrics/NAME.json. Run from the repository
root with Debian's python3-sklearn (1.2.1): /usr/bin/python3 test/golden/sklearn_golden.py

Penalty convention: scikit-learn minimises C·Σᵢ ℓᵢ + ½‖β‖² (intercept unpenalised), the same
minimiser as Σᵢ ℓᵢ + ‖β‖²/(2C), which is how models/logistic/fit_logistic.ts states it.
"""
import glob
import json
import os
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore", ConvergenceWarning)
CS = [0.1, 1.0, 10.0]


def fl(a):
    return [float(v) for v in a]


for path in sorted(glob.glob("test/input/logistic/*.csv")):
    name = os.path.splitext(os.path.basename(path))[0]
    df = pd.read_csv(path)
    x = df.drop(columns="y").to_numpy(dtype=float)
    y = df["y"].to_numpy(dtype=int)
    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    fits = []
    for c in CS:
        newton = LogisticRegression(C=c, penalty="l2", solver="newton-cholesky", tol=1e-14, max_iter=1000).fit(z, y)
        lbfgs = LogisticRegression(C=c, penalty="l2", solver="lbfgs", tol=1e-14, max_iter=100000).fit(z, y)
        coef_std = newton.coef_[0]
        coef = coef_std / scaler.scale_
        fits.append({
            "C": c,
            "intercept_std": float(newton.intercept_[0]),
            "coefficients_std": fl(coef_std),
            "intercept": float(newton.intercept_[0] - np.sum(coef * scaler.mean_)),
            "coefficients": fl(coef),
            "probabilities_first5": fl(newton.predict_proba(z[:5])[:, 1]),
            "lbfgs_max_abs_diff": float(np.max(np.abs(np.r_[lbfgs.intercept_, lbfgs.coef_[0]]
                                                      - np.r_[newton.intercept_, newton.coef_[0]]))),
        })
    out = {"sklearn": sklearn.__version__, "means": fl(scaler.mean_), "scales": fl(scaler.scale_), "fits": fits}
    with open(f"test/golden/logistic/{name}.json", "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


def calibration(y, s, n_bins, strategy):
    prob_true, prob_pred = calibration_curve(y, s, n_bins=n_bins, strategy=strategy)
    # Counts per non-empty bin, binned exactly as calibration_curve does.
    if strategy == "quantile":
        bins = np.percentile(s, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        bins = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(bins[1:-1], s)
    total = np.bincount(ids, minlength=len(bins))
    nonzero = total != 0
    assert np.allclose(np.bincount(ids, weights=y, minlength=len(bins))[nonzero] / total[nonzero], prob_true)
    return {"n_bins": n_bins, "strategy": strategy, "prob_true": fl(prob_true), "prob_pred": fl(prob_pred),
            "counts": [int(v) for v in total[nonzero]]}


def calibration_slope(y, s):
    # Unpenalised logistic regression of the outcome on the predicted log-odds.
    q = np.clip(s, 1e-15, 1 - 1e-15)
    logit = np.log(q / (1 - q)).reshape(-1, 1)
    fit = LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-14, max_iter=1000).fit(logit, y)
    return {"intercept": float(fit.intercept_[0]), "slope": float(fit.coef_[0][0])}


for path in sorted(glob.glob("test/input/metrics/*.csv")):
    name = os.path.splitext(os.path.basename(path))[0]
    df = pd.read_csv(path)
    y = df["y"].to_numpy(dtype=int)
    s = df["score"].to_numpy(dtype=float)
    out = {
        "sklearn": sklearn.__version__,
        "roc_auc": float(roc_auc_score(y, s)),
        "roc_auc_complement": float(roc_auc_score(y, 1 - s)),
        "average_precision": float(average_precision_score(y, s)),
        "brier": float(brier_score_loss(y, s)),
        "log_loss": float(log_loss(y, s)),
        "calibration_slope": calibration_slope(y, s),
        "calibration": [calibration(y, s, n, st) for n in (5, 10) for st in ("uniform", "quantile")],
    }
    with open(f"test/golden/metrics/{name}.json", "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
