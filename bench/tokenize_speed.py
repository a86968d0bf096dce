"""Tokeniser throughput: 1,000 passages of 150 words from the real corpus (cold word cache).

Moved here from a timed unit test (which failed on a loaded machine): speed is measured and
printed, never asserted in tests. Usage: python bench/tokenize_speed.py [--runs N]
"""
from __future__ import annotations

import argparse
import time

from _common import ROOT, summary

from qa.index.analyzer import _analyse_word, tokenize


def passages(n: int = 1000, words_per: int = 150) -> list[str]:
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))).split()
    chunks = [" ".join(words[i : i + words_per]) for i in range(0, len(words), words_per)]
    return (chunks * (n // len(chunks) + 1))[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = passages()
    cold, warm = [], []
    for _ in range(args.runs):
        _analyse_word.cache_clear()
        started = time.perf_counter()
        tokens = [tokenize(t) for t in texts]
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        [tokenize(t) for t in texts]
        warm.append(time.perf_counter() - started)
    print(f"tokenise 1,000 passages ({sum(map(len, tokens)):,} tokens), seconds")
    print(f"  cold word cache: {summary(cold)}")
    print(f"  warm word cache: {summary(warm)}")
    print(f"  cold / warm ratio (median): {summary(cold)['median'] / summary(warm)['median']:.1f}x")


if __name__ == "__main__":
    main()
