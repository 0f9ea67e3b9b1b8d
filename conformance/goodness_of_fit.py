"""Two-sample goodness-of-fit tests in NumPy alone (the project does not depend on SciPy), for
comparing a sample of jax.random with one of NumPy's Generator (conformance/cases/samplers.py).

- Continuous samples: the two-sample Kolmogorov-Smirnov statistic D = max |F_x - F_y| over the pooled
  values. Its critical value for a false-alarm rate `alpha` is lambda / (sqrt(ne) + 0.12 + 0.11 /
  sqrt(ne)), ne = n m / (n + m), where lambda solves Q_KS(lambda) = alpha for the Kolmogorov
  distribution's tail Q_KS(l) = 2 sum_k (-1)^(k-1) exp(-2 k^2 l^2) (Stephens' finite-sample
  correction, as in Numerical Recipes' kstwo).
- Discrete samples (integers, booleans, counts): the chi-square test of homogeneity on the counts of
  each value, adjacent values merged (in value order) until each bin holds at least MIN_BIN draws of
  both samples together, so that each sample's expected count is at least 5 for equal sizes. The
  statistic sum_i (sqrt(m/n) a_i - sqrt(n/m) b_i)^2 / (a_i + b_i) has bins - 1 degrees of freedom;
  its critical value solves chi2_sf(x, df) = alpha, the tail computed from the regularized lower
  incomplete gamma function's series.

Each critical value is found by bisection on a tail function, so `alpha` may be as small as a
Bonferroni correction makes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MIN_BIN = 10


@dataclass(frozen=True)
class Fit:
    test: str  # "ks" or "chi2"
    statistic: float
    critical: float
    df: int = 0  # chi2 only

    @property
    def passes(self) -> bool:
        return self.statistic <= self.critical

    def __str__(self) -> str:
        name = "D" if self.test == "ks" else f"chi2({self.df})"
        return f"{name} = {self.statistic:.4g} (critical {self.critical:.4g})"


def _bisect(tail, alpha: float, lo: float, hi: float) -> float:
    """x in [lo, hi] with tail(x) = alpha, for a decreasing tail."""
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if tail(mid) > alpha else (lo, mid)
    return (lo + hi) / 2


def kolmogorov_tail(lam: float) -> float:
    if lam < 0.2:
        return 1.0
    return min(1.0, 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101)))


def ks_critical(n: int, m: int, alpha: float) -> float:
    ne = n * m / (n + m)
    lam = _bisect(kolmogorov_tail, alpha, 0.0, 10.0)
    return lam / (math.sqrt(ne) + 0.12 + 0.11 / math.sqrt(ne))


def ks_two_sample(x: np.ndarray, y: np.ndarray, alpha: float) -> Fit:
    x, y = np.sort(np.ravel(x).astype(np.float64)), np.sort(np.ravel(y).astype(np.float64))
    pooled = np.concatenate([x, y])
    fx = np.searchsorted(x, pooled, side="right") / x.size
    fy = np.searchsorted(y, pooled, side="right") / y.size
    return Fit("ks", float(np.max(np.abs(fx - fy))), ks_critical(x.size, y.size, alpha))


def chi2_tail(x: float, df: int) -> float:
    """P(X > x) for X chi-square with df degrees of freedom: 1 - P(df/2, x/2), P the regularized
    lower incomplete gamma function, from its series sum_k z^k / (a (a+1) ... (a+k)) (summed in
    double precision until the terms vanish: it converges for every z)."""
    if x <= 0:
        return 1.0
    a, z = df / 2, x / 2
    term = total = 1.0 / a
    k = 0
    while term > total * 1e-17 and k < 10_000:
        k += 1
        term *= z / (a + k)
        total += term
    lower = math.exp(a * math.log(z) - z - math.lgamma(a) + math.log(total))
    return max(0.0, 1.0 - lower)


def chi2_critical(df: int, alpha: float) -> float:
    return _bisect(lambda x: chi2_tail(x, df), alpha, 0.0, 100.0 + 20.0 * df)


def merged_counts(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The counts of each value in x and in y, adjacent values merged until every bin holds MIN_BIN
    draws of both together (a short last bin joins the one before)."""
    x, y = np.ravel(x).astype(np.float64), np.ravel(y).astype(np.float64)
    values = np.unique(np.concatenate([x, y]))
    a = np.searchsorted(values, x)
    b = np.searchsorted(values, y)
    ca, cb = np.bincount(a, minlength=values.size), np.bincount(b, minlength=values.size)
    bins_a, bins_b, run_a, run_b = [], [], 0, 0
    for i in range(values.size):
        run_a, run_b = run_a + ca[i], run_b + cb[i]
        if run_a + run_b >= MIN_BIN:
            bins_a.append(run_a)
            bins_b.append(run_b)
            run_a = run_b = 0
    if run_a + run_b:
        if bins_a:
            bins_a[-1] += run_a
            bins_b[-1] += run_b
        else:
            bins_a, bins_b = [run_a], [run_b]
    return np.array(bins_a, np.float64), np.array(bins_b, np.float64)


def chi2_two_sample(x: np.ndarray, y: np.ndarray, alpha: float) -> Fit:
    a, b = merged_counts(x, y)
    df = a.size - 1
    if df == 0:  # one value in both samples (a degenerate distribution): nothing to test
        return Fit("chi2", 0.0, 0.0, 0)
    n, m = a.sum(), b.sum()
    statistic = float(np.sum((math.sqrt(m / n) * a - math.sqrt(n / m) * b) ** 2 / (a + b)))
    return Fit("chi2", statistic, chi2_critical(df, alpha), df)
