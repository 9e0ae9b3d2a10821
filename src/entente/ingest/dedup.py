"""Exact and near-duplicate detection: a content hash and MinHash signatures with LSH bands.

**Exact duplicates** share :func:`content_hash`, the SHA-256 of the text after
:func:`normalise_for_hash` (case, whitespace, and quote and dash variants folded).

**Near duplicates** (a republished article with a sentence edited, a headline changed) share most
of their word 5-shingles. Word shingles rather than character shingles because the copies we look
for differ by whole edited sentences, not by typos: a 600-word article has about 600 word
5-shingles (against some 3,600 character 5-grams, six times the hashing), an edited sentence of
25 words changes about 30 of them, so the copy keeps a Jaccard similarity near 0.9, while two
different articles on the same story share almost no run of five words (Jaccard < 0.05) even when
they share every name. :func:`signature` is a datasketch ``MinHash`` with 128 permutations and a
fixed seed, so signatures stored today compare with signatures computed next year.

**Candidates** come from LSH banding: :func:`band_keys` cuts the signature into ``BANDS`` bands
of ``ROWS`` rows and hashes each; two texts are candidates when any band key is equal, which a
store finds with an indexed query instead of an in-memory index that grows with the corpus. The
chance that a pair with Jaccard similarity ``s`` becomes a candidate is ``1 - (1 - s**5)**25``
(the S-curve), with the steepest rise near ``(1/25)**(1/5) ≈ 0.52``:

    =========  ====  ====  ====  ====  ====  =======  =========
    Jaccard    0.2   0.3   0.4   0.5   0.6   0.7      0.8
    candidate  0.8%  5.9%  23%   55%   87%   99.0%    99.995%
    =========  ====  ====  ====  ====  ====  =======  =========

so pairs at 0.8 and above are practically always found, and candidates are then checked with
:func:`similarity` against the threshold (0.8 by default). :class:`NearDuplicateIndex` does the
same in memory for one batch.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from functools import cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SEED = 20230221  # fixed forever: changing it makes every stored signature incomparable
SCHEME = "affine64"  # 64-bit hash values, stored as uint64
SHINGLE = 5  # words per shingle
BANDS = 25
ROWS = 5
DEFAULT_THRESHOLD = 0.8
# Shingles are permuted in slices through one reused 256 x 128 buffer of 64-bit values (256 KiB):
# big enough that numpy's per-call overhead is small, small enough to stay in cache.
_BATCH = 256

_FOLD = {
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "‵": "'",
    "`": "'",
    "´": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "«": '"',
    "»": '"',
    "‹": "'",
    "›": "'",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
}
# A pattern finds the few characters to fold much faster than str.translate walks every character.
_FOLD_CHARS = re.compile("[" + re.escape("".join(_FOLD)) + "]")
_WORD = re.compile(r"\w+")
_NON_WORD_TO_SPACE = bytes(
    c if chr(c).isascii() and (chr(c).isalnum() or chr(c) == "_") else ord(" ") for c in range(256)
)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it permutes 64-bit values
_FMIX_SHIFT = np.uint64(33)
_FMIX_M1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_M2 = np.uint64(0xC4CEB9FE1A85EC53)


def normalise_for_hash(text: str) -> str:
    """Fold what copies of one text differ in without differing in content.

    NFKC (full-width and compatibility forms), case folding, curly and straight quotes alike,
    every dash a hyphen, and every run of whitespace (line breaks included) one space.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _FOLD_CHARS.sub(lambda m: _FOLD[m[0]], text)
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 hex digest of :func:`normalise_for_hash` of the text: equal for exact duplicates."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def _word_hash(word: str) -> int:
    # BLAKE2b cut to 8 bytes: stable across processes and platforms (Python's hash() is salted).
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


# Word hashes, cached because news vocabulary repeats: most words of an article were hashed
# before. A plain dict read through map(dict.get) costs a fraction of a call per word; it is
# emptied when full, so memory stays bounded (some 6 MB) however large the corpus.
_WORD_HASHES: dict[str, int] = {}
_WORD_HASHES_MAX = 1 << 16


def _hashes_of(words: list[str]) -> np.ndarray:
    found = list(map(_WORD_HASHES.get, words))
    if None in found:
        if len(_WORD_HASHES) > _WORD_HASHES_MAX:
            _WORD_HASHES.clear()
        for k, value in enumerate(found):
            if value is None:
                found[k] = _WORD_HASHES[words[k]] = _word_hash(words[k])
    return np.array(found, dtype=np.uint64)


@cache
def _permutations() -> np.ndarray:
    # datasketch's own (a, b) pairs for this seed and scheme, drawn once per process.
    return np.asarray(MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations)


def words_for_shingles(text: str) -> list[str]:
    """The words shingles are made of: NFKC, case-folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    # The runs of word characters (\w+), found in C: as bytes, every other character becomes a
    # space and the text is split. Non-ASCII characters turn into "?" on the way, which is right
    # unless one of them is a word character; then the regular expression reads the text.
    raw = folded.encode("ascii", "replace")
    if not folded.isascii():
        at = raw.find(b"?")
        while at >= 0:
            if folded[at].isalnum():
                return _WORD.findall(folded)
            at = raw.find(b"?", at + 1)
    return raw.translate(_NON_WORD_TO_SPACE).decode("ascii").split()


def shingle_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the text's word 5-shingles (one shingle of all words when fewer).

    Each shingle's hash combines its words' cached hashes (multiply by an odd constant, then
    XOR the next word: order-sensitive, computed for all shingles at once), which costs a
    fraction of hashing every shingle's string.
    """
    words = words_for_shingles(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = _hashes_of(words)
    count = max(1, len(words) - SHINGLE + 1)
    width = min(SHINGLE, len(words))
    combined = hashes[:count].copy()
    for offset in range(1, width):
        combined *= _MIX
        combined ^= hashes[offset : offset + count]
    return combined


def signature(text: str) -> np.ndarray:
    """MinHash signature of a text's word 5-shingles.

    Args:
        text: cleaned article text.

    Returns:
        ``NUM_PERM`` uint64 hash values; all at their maximum for a text with no words, which
        :func:`similarity` and :func:`band_keys` treat as matching nothing.
    """
    # datasketch's MinHash (scheme "affine64") pre-mixes each 64-bit input with the MurmurHash3
    # finalizer and keeps, per permutation (a, b), the least of a * h + b modulo 2**64. Its
    # update_batch calls a hash function per item and converts Python lists; the same arithmetic
    # done here on the array of shingle hashes gives the same values (a test pins them to
    # datasketch's) in a fraction of the time.
    hashes = _fmix64(shingle_hashes(text))
    a, b = _permutations()
    values = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    if not len(hashes):
        return values
    work = np.empty((min(_BATCH, len(hashes)), NUM_PERM), dtype=np.uint64)
    for start in range(0, len(hashes), _BATCH):
        chunk = hashes[start : start + _BATCH, None]
        block = work[: len(chunk)]
        np.multiply(chunk, a, out=block)
        block += b
        np.minimum(values, block.min(axis=0), out=values)
    return values


def _fmix64(values: np.ndarray) -> np.ndarray:
    """The MurmurHash3 64-bit finalizer, element-wise (multiplication wraps modulo 2**64)."""
    values = values ^ (values >> _FMIX_SHIFT)
    values *= _FMIX_M1
    values ^= values >> _FMIX_SHIFT
    values *= _FMIX_M2
    values ^= values >> _FMIX_SHIFT
    return values


def _is_empty(sig: np.ndarray) -> bool:
    return bool(np.all(sig == np.iinfo(np.uint64).max))


def band_keys(sig: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> list[str]:
    """LSH band keys of a signature: texts sharing any key are near-duplicate candidates.

    Args:
        sig: a signature from :func:`signature`.
        bands: number of bands.
        rows: hash values per band (``bands * rows`` must not exceed the signature's length).

    Returns:
        ``bands`` keys such as ``"07:9f2c4e1a0b3d5f68"`` (band number, then a hash of its rows),
        or no keys for the signature of an empty text.

    Raises:
        ValueError: the signature is shorter than ``bands * rows``.
    """
    values = np.asarray(sig, dtype=np.uint64)
    if bands * rows > len(values):
        raise ValueError(
            f"{bands} bands x {rows} rows need {bands * rows} hash values, "
            f"the signature has {len(values)}"
        )
    if _is_empty(values):
        return []
    raw = values.astype("<u8").tobytes()  # little-endian: the same keys on every platform
    width = rows * 8
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(raw[band * width : (band + 1) * width], digest_size=8)
        keys.append(f"{band:02d}:{digest.hexdigest()}")
    return keys


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two texts' shingle sets (share of equal hash values).

    The estimate's standard error is ``sqrt(s * (1 - s) / 128)``: about 0.035 at 0.8.
    Signatures of empty texts are similar to nothing (0.0).

    Raises:
        ValueError: the signatures differ in length.
    """
    a = np.asarray(sig_a, dtype=np.uint64)
    b = np.asarray(sig_b, dtype=np.uint64)
    if a.shape != b.shape:
        raise ValueError(f"signatures of different lengths: {a.shape} and {b.shape}")
    if _is_empty(a) or _is_empty(b):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


class NearDuplicateIndex:
    """An in-memory LSH index for one batch of texts (``entente extract``).

    Example:
        >>> index = NearDuplicateIndex()
        >>> index.add("a", signature(text_a))
        >>> index.query(signature(text_b))  # [("a", 0.93)] when b is a near copy of a
    """

    def __init__(self, bands: int = BANDS, rows: int = ROWS) -> None:
        self.bands = bands
        self.rows = rows
        self._signatures: dict[str, np.ndarray] = {}
        self._rank: dict[str, int] = {}
        self._buckets: defaultdict[str, list[str]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def add(self, key: str, sig: np.ndarray) -> None:
        """Index a signature under ``key``.

        Raises:
            ValueError: ``key`` is already in the index.
        """
        if key in self._signatures:
            raise ValueError(f"{key!r} is already in the near-duplicate index")
        values = np.asarray(sig, dtype=np.uint64)
        self._signatures[key] = values
        self._rank[key] = len(self._rank)
        for band in band_keys(values, self.bands, self.rows):
            self._buckets[band].append(key)

    def query(
        self, sig: np.ndarray, threshold: float = DEFAULT_THRESHOLD
    ) -> list[tuple[str, float]]:
        """Indexed texts whose estimated similarity to ``sig`` is at least ``threshold``.

        Returns:
            ``(key, similarity)`` pairs, most similar first (ties in the order they were added).
        """
        values = np.asarray(sig, dtype=np.uint64)
        seen: dict[str, None] = {}
        for band in band_keys(values, self.bands, self.rows):
            for key in self._buckets.get(band, ()):
                seen.setdefault(key)
        found = [(key, similarity(values, self._signatures[key])) for key in seen]
        found = [(key, sim) for key, sim in found if sim >= threshold]
        return sorted(found, key=lambda item: (-item[1], self._rank[item[0]]))
