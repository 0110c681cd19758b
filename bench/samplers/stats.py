"""The rank test of the comparison tables: two-sided Mann-Whitney U (Wilcoxon rank-sum) with the normal
approximation, average ranks for ties, the tie-corrected variance and a continuity correction, which is
what scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic") computes."""
import math


def _ranks(values):
    """Average ranks (1-based) of values, and the tie term sum(t^3 - t) over groups of equal values."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    ties = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0 + 1.0
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    return ranks, ties


def mann_whitney_u(x, y):
    """(U of x, two-sided p-value). U below n1*n2/2 means x tends to be lower than y."""
    n1, n2 = len(x), len(y)
    if n1 == 0 or n2 == 0:
        raise ValueError("mann_whitney_u needs two non-empty samples")
    ranks, ties = _ranks(list(x) + list(y))
    u1 = sum(ranks[:n1]) - n1 * (n1 + 1) / 2.0
    n = n1 + n2
    mean = n1 * n2 / 2.0
    var = n1 * n2 / 12.0 * ((n + 1) - ties / (n * (n - 1)))
    if var <= 0:
        return u1, 1.0  # every value equal
    u = max(u1, n1 * n2 - u1)
    z = (u - mean - 0.5) / math.sqrt(var)
    return u1, min(1.0, math.erfc(z / math.sqrt(2.0)))


def verdict(ours, theirs, alpha=0.05):
    """'win' when ours is significantly lower (better), 'loss' when significantly higher, else 'tie'."""
    u, p = mann_whitney_u(ours, theirs)
    if p < alpha:
        return ("win" if u < len(ours) * len(theirs) / 2.0 else "loss"), p
    return "tie", p


def median(values):
    s = sorted(values)
    n = len(s)
    if n == 0:
        return float("nan")
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])
