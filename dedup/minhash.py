"""MinHash signatures (rensa) and LSH band keys.

A signature is ``num_perm`` 64-bit minimum hash values of a text's shingle hashes
(rensa ``CMinHash``, deterministic for a given seed). LSH splits it into ``bands`` bands
of ``rows`` values; two texts become candidates when they agree on all rows of at least
one band, with probability ``1 - (1 - J**rows) ** bands`` for Jaccard similarity ``J``.

Band keys are short strings (``"<band>:<16 hex>"``), so they can key a Faust table.
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import blake2b

from rensa import CMinHash

__all__ = ["NUM_PERM", "SEED", "signature", "band_keys", "lsh_probability", "jaccard_estimate"]

NUM_PERM = 32
SEED = 1_2015  # any fixed value; changing it invalidates persisted state


def signature(shingle_hashes: Sequence[int], num_perm: int = NUM_PERM, seed: int = SEED) -> list[int]:
    """The MinHash signature (``num_perm`` u64 values) of a set of 64-bit shingle hashes.

    rensa's C-MinHash (one random permutation applied circularly, Li & Li 2021): an
    unbiased Jaccard estimate like classic MinHash, ~16 us per article here. (rensa's
    ``digest_matrix_*`` batch API took 200-500 us per single-row call in this loop.)"""
    if not shingle_hashes:
        return []
    return CMinHash.digests64_from_token_hash_sets([list(shingle_hashes)], num_perm=num_perm, seed=seed)[0]


def band_keys(sig: Sequence[int], bands: int, rows: int) -> list[str]:
    """One key per band: band number plus a 64-bit hash of the band's rows."""
    if not sig:
        return []
    if bands * rows > len(sig):
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} values, signature has {len(sig)}")
    keys = []
    for b in range(bands):
        chunk = sig[b * rows : (b + 1) * rows]
        if rows == 1:
            keys.append(f"{b}:{chunk[0]:x}")
        else:
            raw = b"".join(v.to_bytes(8, "little") for v in chunk)
            keys.append(f"{b}:{blake2b(raw, digest_size=8).hexdigest()}")
    return keys


def lsh_probability(j: float, bands: int, rows: int) -> float:
    """Probability that two texts with Jaccard ``j`` share at least one band."""
    return 1.0 - (1.0 - j**rows) ** bands


def jaccard_estimate(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Fraction of equal signature positions (the MinHash estimate of Jaccard)."""
    if not sig_a or not sig_b:
        return 0.0
    n = min(len(sig_a), len(sig_b))
    return sum(1 for i in range(n) if sig_a[i] == sig_b[i]) / n
