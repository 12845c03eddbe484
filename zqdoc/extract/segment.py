"""Word segmentation for the rules that need words (projects, targets): jieba's own algorithm and
dictionary, loaded a block at a time.

jieba reads its whole dictionary before the first cut — half a million prefixes, about a second,
plus another third of a second for the part-of-speech tags — while zqdoc cuts only a few hundred
short windows of a plan. Here jieba's default dictionary is re-stored once per machine as one
file of small blocks (words, their prefixes and tags, filed by their first two characters), and a
cut loads only the blocks of the characters and character pairs of the text it cuts. jieba's
`get_DAG`, `calc` and HMM look up only fragments of the text, so the words are exactly those of
`jieba.lcut(text)` with the default dictionary (tests/test_segment.py checks this on the corpus).
Where rjieba (jieba-rs, the same dictionary and algorithm in Rust) is installed, it cuts instead,
except texts whose ASCII runs hold punctuation, where the two differ; tags always come from the
blocks.

The file lives in $ZQDOC_CACHE_DIR, else in $XDG_CACHE_HOME/zqdoc or ~/.cache/zqdoc, else in the
temporary directory; its name carries a key of the jieba version and dictionary, so a new jieba
builds a new file. Building it takes about as long as jieba's own first start. A damaged file is
rebuilt; where no cache directory is writable, the dictionary is kept in memory for the life of
the process.
"""
from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import struct
import tempfile
import threading
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Optional

__all__ = ["cut", "cut_tagged", "cache_dirs", "cache_path"]

_MAGIC = b"ZQLEX2\n"
_HEAD = struct.Struct("<Q")  # the total of all frequencies, after the magic
_BUCKETS = 1 << 16  # blocks; an offset table of _BUCKETS + 1 entries follows the head
_UNKNOWN_TAG = "?"  # a word that is not in the dictionary (jieba's HMM made it up)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[str, str]:
    """(path of jieba's default dictionary, jieba's version), found without importing jieba (its
    import costs a tenth of a second, most of it pkg_resources)."""
    import importlib.util
    from importlib.metadata import version

    spec = importlib.util.find_spec("jieba")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt"), version("jieba")


def cache_dirs() -> list[Path]:
    """$ZQDOC_CACHE_DIR alone when set; else the user's cache, then the temporary directory."""
    if os.environ.get("ZQDOC_CACHE_DIR"):
        return [Path(os.environ["ZQDOC_CACHE_DIR"])]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return [Path(base) / "zqdoc", Path(tempfile.gettempdir()) / f"zqdoc-{user}"]


def _file_name() -> str:
    path, version = _dictionary()
    st = os.stat(path)
    key = hashlib.sha1(f"{_MAGIC!r}|{version}|{path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    return f"jieba-lexicon-{key}.bin"


def cache_path() -> Path:
    """Where the block file of the current jieba dictionary is: the first cache directory that holds
    it, else the first cache directory (it may not exist yet)."""
    dirs, name = cache_dirs(), _file_name()
    return next((d / name for d in dirs if (d / name).is_file()), dirs[0] / name)


def _read_dictionary(path: str) -> tuple[dict[str, int], dict[str, str], int]:
    """Frequencies with every prefix (as jieba's gen_pfdict), tags (as jieba.posseg) and the total."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(path, "rb") as f:
        for line in f:
            parts = line.strip().decode("utf-8").split(" ")
            if len(parts) < 2:
                continue
            word, n = parts[0], int(parts[1])
            freq[word] = n
            total += n
            for k in range(1, len(word)):
                freq.setdefault(word[:k], 0)
            if len(parts) == 3:
                tags[word] = parts[2]
    return freq, tags, total


def _bucket(key: str) -> int:
    """The block of a word or fragment: by its first two characters (a stable hash, not hash())."""
    return (ord(key[0]) * 65599 + (ord(key[1]) if len(key) > 1 else 0)) % _BUCKETS


def _heads(text: str) -> set[str]:
    """What the fragments `jieba.lcut(text)` looks up begin with: each starts at a character of the
    text, so its first two characters are a character or a pair of characters of the text."""
    return {text[i:i + 2] for i in range(len(text))}.union(text)


def _blocks_from_dictionary() -> tuple[list[tuple[dict, dict]], int]:
    """jieba's dictionary read and filed into blocks, and the total of its frequencies."""
    freq, tags, total = _read_dictionary(_dictionary()[0])
    blocks: list[tuple[dict, dict]] = [({}, {}) for _ in range(_BUCKETS)]
    for word, n in freq.items():
        blocks[_bucket(word)][0][word] = n
    for word, tag in tags.items():
        blocks[_bucket(word)][1][word] = tag
    return blocks, total


def _write(target: Path, blocks: list[tuple[dict, dict]], total: int) -> None:
    payload = [marshal.dumps(block) for block in blocks]
    offsets = array("Q", [0])
    for data in payload:
        offsets.append(offsets[-1] + len(data))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + _HEAD.pack(total) + offsets.tobytes())
            f.writelines(payload)
        os.replace(tmp, target)  # atomic: parallel workers may build at once
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class _Lexicon:
    """Blocks of the dictionary, from the file (mapped) or, failing that, from memory."""

    def __init__(self) -> None:
        self.total = 0
        self._offsets: Optional[memoryview] = None
        self._map: Optional[mmap.mmap] = None
        self._memory: Optional[list[tuple[dict, dict]]] = None
        try:
            self._open(cache_path())
        except (OSError, ValueError):
            self._build()

    def _open(self, path: Path) -> None:
        with open(path, "rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        head = len(_MAGIC) + _HEAD.size
        table = head + 8 * (_BUCKETS + 1)
        if mapped[:len(_MAGIC)] != _MAGIC or len(mapped) < table:
            raise ValueError(f"{path}: not a zqdoc lexicon")
        (self.total,) = _HEAD.unpack(mapped[len(_MAGIC):head])
        offsets = memoryview(mapped)[head:table].cast("Q")
        if len(mapped) != table + offsets[-1]:
            raise ValueError(f"{path}: truncated")
        self._data, self._offsets, self._map = table, offsets, mapped

    def _build(self) -> None:
        blocks, total = _blocks_from_dictionary()
        for folder in cache_dirs():
            try:
                path = folder / _file_name()
                _write(path, blocks, total)
                self._open(path)
                return
            except (OSError, ValueError):
                continue
        self.total, self._memory = total, blocks  # no writable cache: this process keeps it

    def block(self, bucket: int) -> tuple[dict, dict]:
        if self._memory is None:
            a, b = self._offsets[bucket], self._offsets[bucket + 1]
            try:
                words, tags = marshal.loads(self._map[self._data + a:self._data + b])
                if isinstance(words, dict) and isinstance(tags, dict):
                    return words, tags
            except (ValueError, EOFError, TypeError):
                pass
            # a damaged block: this process reads the dictionary itself; the next builds a new file
            self._memory = _blocks_from_dictionary()[0]
            with contextlib.suppress(OSError):
                os.unlink(cache_path())
        return self._memory[bucket]


class _Segmenter:
    """A jieba Tokenizer whose dictionary grows by the blocks of the characters it is asked to cut."""

    def __init__(self) -> None:
        self._lexicon = _Lexicon()
        self._freq: dict[str, int] = {}  # the blocks read so far: the dictionary of `_tokenizer`
        self._jieba = None
        self._tags: dict[str, str] = {}
        self._loaded: set[int] = set()  # blocks whose words and tags are read
        self._tagged: set[int] = set()  # blocks whose tags are read
        self._seen: set[str] = set()  # characters and pairs whose blocks are read
        self._lock = threading.Lock()

    def _load(self, text: str) -> None:
        """The blocks jieba needs to cut `text`: of every character and pair in it."""
        heads = _heads(text) - self._seen
        if not heads:
            return
        with self._lock:
            for bucket in {_bucket(h) for h in heads} - self._loaded:
                words, tags = self._lexicon.block(bucket)
                self._freq.update(words)
                self._tags.update(tags)
                self._loaded.add(bucket)
                self._tagged.add(bucket)
            self._seen |= heads

    def _load_tags(self, words: list[str]) -> None:
        """The tags of words jieba-rs cut: only their own blocks, and no frequencies (a long run
        would otherwise hold most of the dictionary twice, once here and once in jieba-rs)."""
        with self._lock:
            for bucket in {_bucket(w) for w in words} - self._tagged:
                self._tags.update(self._lexicon.block(bucket)[1])
                self._tagged.add(bucket)

    def cut(self, text: str) -> list[str]:
        words = _fast_cut(text)
        if words is not None:
            return words
        self._load(text)
        return self._tokenizer().lcut(text)

    def _tokenizer(self):
        """jieba's Tokenizer over the blocks read (made on first use: importing jieba costs a tenth of
        a second, and rjieba cuts nearly every text)."""
        if self._jieba is None:
            import jieba

            tokenizer = jieba.Tokenizer()
            tokenizer.FREQ = self._freq
            tokenizer.total = self._lexicon.total
            tokenizer.initialized = True  # jieba must not read its own dictionary
            self._jieba = tokenizer
        return self._jieba

    def cut_tagged(self, text: str) -> list[tuple[str, str]]:
        words = _fast_cut(text)
        if words is None:
            self._load(text)  # jieba's words and their tags
            words = self._tokenizer().lcut(text)
        else:
            self._load_tags(words)
        return [(w, self._tags.get(w, _UNKNOWN_TAG)) for w in words]


def _fast_cut(text: str) -> Optional[list[str]]:
    """The words of jieba-rs where they are jieba's, else None (not installed, or a text jieba must
    cut itself: jieba-rs keeps ASCII runs joined by - % # & + . _ whole, 2-3, COVID-19; jieba does not)."""
    fast = _rjieba()
    if fast is None:
        return None
    words = fast.cut(text, True)
    return None if any(len(w) > 1 and not _ASCII_PUNCT.isdisjoint(w) for w in words) else words


_ASCII_PUNCT = frozenset("-%#&+._")


@lru_cache(maxsize=1)
def _rjieba():
    """jieba-rs (rjieba), twenty times faster than jieba and proven to give jieba's words on every
    line of the corpus and on 30,000 random strings, except where an ASCII run holds punctuation
    (see `_Segmenter.cut`); None where it is not installed."""
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba


@lru_cache(maxsize=1)
def _segmenter() -> _Segmenter:
    return _Segmenter()


@lru_cache(maxsize=8192)  # a plan repeats its phrases, and runs of one word repeat a window
def cut(text: str) -> tuple[str, ...]:
    """The words of `text`, as `jieba.lcut(text)` with jieba's default dictionary."""
    return tuple(_segmenter().cut(text))


@lru_cache(maxsize=8192)
def cut_tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs: tags from jieba's dictionary (ns, v, n …), "?" for a word it does not hold."""
    return tuple(_segmenter().cut_tagged(text))
