"""Fewer points for a long trend line, keeping its shape: largest-triangle-three-buckets.

A report after a thousand assessments would otherwise draw a thousand points on every trend line
(seconds of layout and hundreds of kilobytes for lines a few centimetres wide). LTTB (Steinarsson
2013) keeps the first and last points and, from each of the buckets between, the point making
the largest triangle with the point kept before it and the mean of the next bucket, which keeps
peaks and dips. Here the highest and the lowest points are always kept as well: a worst day must
not vanish from a chart someone brings to a doctor.
"""

from __future__ import annotations

from collections.abc import Sequence

TREND_POINTS = 100  # at most this many points a trend line


def keep(points: Sequence[tuple[float, float]], limit: int = TREND_POINTS) -> list[int]:
    """Indexes (in order) of at most `limit` of the (x, y) points, x rising; all of them when
    there are no more than `limit`. `limit` is at least 4: first, last, highest, lowest."""
    if limit < 4:
        raise ValueError("keep at least 4 points: the first, the last, the highest, the lowest")
    count = len(points)
    if count <= limit:
        return list(range(count))
    chosen = _lttb(points, limit - 2)  # room for the highest and lowest, if LTTB left them out
    ys = [y for _x, y in points]
    chosen |= {ys.index(max(ys)), ys.index(min(ys))}
    return sorted(chosen)


def _lttb(points: Sequence[tuple[float, float]], limit: int) -> set[int]:
    count = len(points)
    if limit <= 2:
        return {0, count - 1}
    size = (count - 2) / (limit - 2)  # points a bucket, between the first and the last
    chosen = {0, count - 1}
    previous = 0
    for bucket in range(limit - 2):
        start, end = int(bucket * size) + 1, int((bucket + 1) * size) + 1
        after_start, after_end = end, min(int((bucket + 2) * size) + 1, count)
        after = points[after_start:after_end] or [points[-1]]
        mean_x = sum(x for x, _y in after) / len(after)
        mean_y = sum(y for _x, y in after) / len(after)
        ax, ay = points[previous]
        best, best_area = start, -1.0
        for i in range(start, min(end, count - 1)):
            x, y = points[i]
            area = abs((ax - mean_x) * (y - ay) - (ax - x) * (mean_y - ay))
            if area > best_area:
                best, best_area = i, area
        chosen.add(best)
        previous = best
    return chosen
