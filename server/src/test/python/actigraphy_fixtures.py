#!/usr/bin/env python3
"""Fixtures for dev.apiplatform.server.pat.analysis, with pyActigraphy 1.2.2 as the reference.

Builds synthetic minute-count recordings with known structure (fixed seeds), runs pyActigraphy on
them and writes, per recording, server/src/test/resources/actigraphy/<name>.json holding the input
(counts, null = missing minute), the known structure (true sleep windows, gaps) and the
reference's outputs. The Java tests only read these files; `make test` never needs Python.

Run by hand from the repository root (Python 3.11):

    python3.11 -m venv /tmp/pat-venv
    /tmp/pat-venv/bin/pip install --no-deps -r server/src/test/python/requirements.txt
    /tmp/pat-venv/bin/python server/src/test/python/actigraphy_fixtures.py

(`--no-deps`: a plain `pip install pyActigraphy` pulls scikit-learn 1.0.1, which has no wheel for
Python 3.11; pandas 3 breaks pyActigraphy 1.2.2 with "Invalid frequency: 1H".)

Reference calls, and why these variants:
  * CK(settings="mean", rescoring=...): minute data; the default settings need <= 30 s epochs.
  * Sadeh(): pyActigraphy's defaults (7.601, -0.065, -1.08, -0.056, -0.703, threshold 0);
    with Webster's rules through pyActigraphy's own `rescore`.
  * IS/IV(freq="1H", binarize=False), L5/M10/RA(binarize=False): the count-based definitions.
  * Cosinor: pyActigraphy's lmfit model M + A cos(2 pi x / T + phi) with T fixed at 1440 min.
Missing minutes are given to pyActigraphy as a mask (mask_inactivity=True), the way it excludes
data: masked minutes are NaN and an hourly bin with a masked minute is dropped.

No public-domain recording is used: the sample files inside pyActigraphy (tests/data) come under
the package's GPL-3.0 (test_sample_mesa.csv is MESA data, under the NSRR data use agreement), so
they are not copied into this repository.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import pyActigraphy
from lmfit import Parameters
from pyActigraphy.analysis import Cosinor
from pyActigraphy.io import BaseRaw
from pyActigraphy.metrics.metrics import _lmx
from pyActigraphy.sleep.scoring.utils import rescore

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "actigraphy")


def synthetic(name, days, seed, start="2026-01-05 00:00", bed=23.0, rise=7.0, jitter_min=30,
              weekend_shift_h=0.0, awakenings_per_night=3, day_mean=220.0, rhythmic=True, gaps=()):
    """Minute counts: quiet nights with a few awakenings, active days, optional gaps.

    gaps: (start_minute, length) pairs, minutes after `start`, set missing.
    """
    rng = np.random.default_rng(seed)
    t0 = pd.Timestamp(start)
    n = days * 1440
    counts = np.zeros(n)
    asleep = np.zeros(n, dtype=bool)
    truth = []
    # one sleep window per night, relative to the local midnight of each day
    first_midnight = t0.normalize()
    for d in range(-1, days + 1):
        day = first_midnight + pd.Timedelta(days=d)
        shift = weekend_shift_h if day.dayofweek in (4, 5) else 0.0  # Fri/Sat nights
        on = day + pd.Timedelta(hours=bed + shift) + pd.Timedelta(minutes=int(rng.integers(-jitter_min, jitter_min + 1)))
        off = day + pd.Timedelta(days=1, hours=rise + shift) + pd.Timedelta(minutes=int(rng.integers(-jitter_min, jitter_min + 1)))
        a = int((on - t0) / pd.Timedelta("1min"))
        b = int((off - t0) / pd.Timedelta("1min"))
        if b <= 0 or a >= n:
            continue
        asleep[max(a, 0):min(b, n)] = True
        if 0 <= a and b <= n:
            truth.append({"onset": str(on.isoformat()), "wake": str(off.isoformat())})
    minute_of_day = ((t0 - first_midnight) / pd.Timedelta("1min") + np.arange(n)) % 1440
    if rhythmic:
        # bimodal day: morning and late-afternoon peaks; awake evenings stay well above the
        # counts of a still night (wrist counts of someone sitting up and moving about)
        shape = 0.55 + 0.45 * np.cos(2 * np.pi * (minute_of_day - 11 * 60) / 1440) \
            + 0.25 * np.cos(2 * np.pi * (minute_of_day - 17 * 60) / 720)
        mean_awake = day_mean * np.clip(shape, 0.45, None)
    else:
        mean_awake = np.full(n, day_mean)
    # negative binomial activity while awake, with sedentary zero bouts
    p = 2.0 / (2.0 + mean_awake)
    awake_counts = rng.negative_binomial(2.0, p)
    sedentary = rng.random(n) < 0.12
    awake_counts[sedentary] = rng.integers(0, 30, size=int(sedentary.sum()))
    # nights: mostly still, small twitches, a few awakenings of 2-20 minutes
    night_counts = np.where(rng.random(n) < 0.8, 0, rng.integers(1, 40, size=n))
    counts = np.where(asleep, night_counts, awake_counts).astype(float)
    idx = np.flatnonzero(asleep)
    if idx.size and awakenings_per_night:
        nights = max(1, len(truth))
        for s in rng.choice(idx, size=nights * awakenings_per_night, replace=False):
            length = int(rng.integers(2, 21))
            counts[s:s + length] = rng.integers(60, 400, size=len(counts[s:s + length]))
    missing = np.zeros(n, dtype=bool)
    for g0, glen in gaps:
        missing[g0:g0 + glen] = True
    counts[missing] = np.nan
    return {"name": name, "start": t0.strftime("%Y-%m-%dT%H:%M"), "counts": counts,
            "truth": {"sleep_windows": truth, "gaps": [{"start_minute": g0, "minutes": gl} for g0, gl in gaps]}}


def raw_of(rec):
    counts = rec["counts"]
    index = pd.date_range(start=rec["start"], periods=len(counts), freq="60s")
    data = pd.Series(np.nan_to_num(counts, nan=0.0), index=index)
    raw = BaseRaw(name=rec["name"], uuid="synthetic", format="custom", axial_mode="mono-axial",
                  start_time=index[0], period=pd.Timedelta(minutes=len(counts)),
                  frequency=pd.Timedelta("60s"), data=data, light=None)
    if np.isnan(counts).any():
        raw.mask = pd.Series(np.where(np.isnan(counts), 0, 1), index=index)
        raw.mask_inactivity = True
    return raw


def bits(series):
    return "".join("1" if v == 1 else "0" for v in np.asarray(series, dtype=float))


def cosinor(raw, start):
    params = Parameters()
    params.add("Amplitude", value=50, min=0)
    params.add("Acrophase", value=np.pi, min=0, max=2 * np.pi)
    params.add("Period", value=1440, vary=False)
    params.add("Mesor", value=50, min=0)
    fit = Cosinor().fit(raw.data, params=params, nan_policy="omit")
    p = fit.params
    # pyActigraphy's x counts minutes from the first epoch; the Java fit counts from local midnight
    offset = (pd.Timestamp(start) - pd.Timestamp(start).normalize()) / pd.Timedelta("1min")
    phase = (p["Acrophase"].value - 2 * np.pi * offset / 1440) % (2 * np.pi)
    out = {"mesor": p["Mesor"].value, "mesor_stderr": p["Mesor"].stderr,
           "amplitude": p["Amplitude"].value, "amplitude_stderr": p["Amplitude"].stderr,
           "acrophase": phase, "acrophase_stderr": p["Acrophase"].stderr,
           "observations": int(raw.data.notna().sum())}
    # independent check of the non-linear fit: the same model is linear in (M, b, g)
    y = raw.data.values
    ok = ~np.isnan(y)
    x = (offset + np.arange(len(y)))[ok]
    X = np.column_stack([np.ones(ok.sum()), np.cos(2 * np.pi * x / 1440), np.sin(2 * np.pi * x / 1440)])
    b = np.linalg.lstsq(X, y[ok], rcond=None)[0]
    amp = math.hypot(b[1], b[2])
    assert abs(amp - out["amplitude"]) < 1e-4 * max(1, amp), (amp, out["amplitude"])
    assert abs(b[0] - out["mesor"]) < 1e-4 * max(1, b[0]), (b[0], out["mesor"])
    return out


def reference(rec):
    raw = raw_of(rec)
    ck_raw = raw.CK(settings="mean", rescoring=False)
    ck = raw.CK(settings="mean", rescoring=True)
    sadeh = raw.Sadeh()
    sadeh_rescored = sadeh * rescore(sadeh.values.astype(int), sleep_score=1)
    l5_start, l5 = _lmx(raw.data, "5H", lowest=True)
    m10_start, m10 = _lmx(raw.data, "10H", lowest=False)
    minute = lambda td: int((pd.Timedelta(td) / pd.Timedelta("1min")) % 1440)
    return {
        "IS": raw.IS(freq="1H", binarize=False),
        "IV": raw.IV(freq="1H", binarize=False),
        "L5": raw.L5(binarize=False), "L5_start_minute": minute(l5_start),
        "M10": raw.M10(binarize=False), "M10_start_minute": minute(m10_start),
        "RA": raw.RA(binarize=False),
        "cole_kripke": bits(ck_raw), "cole_kripke_rescored": bits(ck),
        "sadeh": bits(sadeh), "sadeh_rescored": bits(sadeh_rescored),
        "cosinor": cosinor(raw, rec["start"]),
    }


def recordings():
    return [
        synthetic("week_regular", days=7, seed=1),
        synthetic("week_gaps", days=7, seed=2, gaps=[(2 * 1440 + 12 * 60 + 7, 185), (4 * 1440 + 2 * 60, 40),
                                                      (5 * 1440 + 15 * 60 + 30, 1)]),
        synthetic("week_offset_start", days=7, seed=3, start="2026-03-10 09:30", bed=24.5, rise=8.0),
        synthetic("four_weeks_weekend_shift", days=28, seed=4, weekend_shift_h=2.0, awakenings_per_night=5),
        synthetic("week_arrhythmic", days=7, seed=5, rhythmic=False, awakenings_per_night=12, jitter_min=180),
    ]


def main():
    os.makedirs(OUT, exist_ok=True)
    for rec in recordings():
        doc = {
            "name": rec["name"],
            "generator": "server/src/test/python/actigraphy_fixtures.py",
            "reference": "pyActigraphy " + pyActigraphy.__version__ + ", pandas " + pd.__version__
                         + ", numpy " + np.__version__,
            "start": rec["start"],
            "counts": [None if np.isnan(c) else int(c) for c in rec["counts"]],
            "truth": rec["truth"],
            "expected": reference(rec),
        }
        path = os.path.join(OUT, rec["name"] + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
            f.write("\n")
        e = doc["expected"]
        print(f"{path}: IS={e['IS']:.4f} IV={e['IV']:.4f} RA={e['RA']:.4f} "
              f"amp={e['cosinor']['amplitude']:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
