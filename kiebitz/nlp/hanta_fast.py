# SPDX-License-Identifier: LGPL-3.0-or-later
# Adapted from HanTa's HanoverTagger.analyze_forward/analyze_viterbi (HanTa 1.2.1, Christian Wartena,
# LGPL-3.0-or-later); as a modified part of that library this file keeps its licence. The rest of
# kiebitz is MIT.
"""HanTa's word analysis with the same arithmetic in a cheaper loop order (same lemmas, ~2-3 x faster).

``HanoverTagger.analyze(form, pos)`` runs two morpheme HMMs in pure Python: ``analyze_forward`` (every tag,
only when ``pos`` is not one of HanTa's own tags, which is the case for every STTS verb tag: HanTa writes
"VV(FIN)") and ``analyze_viterbi`` (paths to the chosen tag). Both score every (start, end, tag) morpheme
once per HMM state of a row: ``lp_m_t(segment, tag)`` was called ~1,900 times per word. Here it is computed
once per (start, tag) and row, and segments that score -inf (closed-class tags, strict pass) are skipped
before the loop, which changes no sum: every score is still ``(lp + lpt) + lp_m``, and each table cell
receives its candidates in the original order (states in row order, then their tags), so ties resolve the
same way. Everything else (tagging by the word cache, lemma building) is HanTa's own code, on HanTa's own
tables (shared, not copied). ``tests/nlp/test_lemmas.py`` checks the answers against HanTa itself.
"""

from __future__ import annotations

import math
from typing import Any

from HanTa import HanoverTagger as ht

_EMPTY, _START = ht.EMPTY, ht.START
_LOWER = -1e6  # HanTa's lowerbound


class FastTagger(ht.HanoverTagger):
    """A HanoverTagger whose two morpheme HMMs share the morpheme scores across the states of a row."""

    def __init__(self, tagger: ht.HanoverTagger) -> None:  # noqa: D107 - shares the loaded tagger's tables
        self.__dict__.update(tagger.__dict__)
        self._guess = {t for t in self.LP_m_t if t in self.LP_hapax_t and t in self.LP_s_t}
        self._base = {t: self.Int_t + self.LP_hapax_t[t] for t in self._guess}  # HanTa's first addition
        # morpheme -> [(tag, lp)]: one lookup per segment of a word instead of one per segment and tag
        self._index: dict[str, list[tuple[int, float]]] = {}
        self._memo: tuple[str | None, list, dict] = (None, [], {})  # the last word's scores: forward and viterbi share them
        for tag, known in self.LP_m_t.items():
            for m, lp in known.items():
                if lp != -math.inf:  # HanTa skips such scores too (never above its lower bound)
                    self._index.setdefault(m, []).append((tag, lp))

    def _known(self, word: str) -> list[dict[int, list[tuple[int, float]]]]:
        """Per start: tag -> [(end, lp)] for the segments in the tag's morpheme lexicon, ends ascending."""
        wlen = len(word)
        out: list[dict[int, list[tuple[int, float]]]] = []
        index = self._index
        for i in range(wlen + 1):
            row: dict[int, list[tuple[int, float]]] = {}
            for j in range(i + 1, wlen + 1):
                for tag, lp in index.get(word[i:j], ()):
                    row.setdefault(tag, []).append((j, lp))
            out.append(row)
        return out

    def _guessed(self, word: str, i: int, tag: int, known: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """(end, lp_m_t(word[i:end], tag)) with HanTa's guess for segments outside the lexicon (open tags)."""
        wlen = len(word)
        lex = dict(known)
        suffixes, lengths, base = self.LP_s_t[tag], self.LP_len_t[tag], self._base[tag]
        out = []
        for j in range(i + 1, wlen + 1):
            lp = lex.get(j)
            if lp is None:
                mlen = j - i
                if not (wlen < 4 or mlen > 2):
                    continue
                m = word[i:j]
                if mlen > 4 and m[-4:] in suffixes:
                    lp_suf = suffixes[m[-4:]]
                elif mlen > 3 and m[-3:] in suffixes:
                    lp_suf = suffixes[m[-3:]]
                elif mlen > 2 and m[-2:] in suffixes:
                    lp_suf = suffixes[m[-2:]]
                elif mlen > 1 and m[-1:] in suffixes:
                    lp_suf = suffixes[m[-1:]]
                else:
                    lp_suf = suffixes[""]
                lp = base + lengths[min(mlen, 24)] + lp_suf
                if wlen == mlen:
                    lp -= 4.6
                if lp == -math.inf:  # a length HanTa never saw with this tag: never above the lower bound
                    continue
            out.append((j, lp))
        return out

    def _fill(self, word: str, strict: bool, followups: Any, back: list[dict] | None) -> list[dict]:
        """HanTa's table of best log-probabilities per (end, state), over the non-final transitions."""
        wlen = len(word)
        table: list[dict] = [{(_EMPTY, _START): 0}] + [{} for _ in range(wlen + 1)]
        memo = self._memo
        if memo[0] != word:
            memo = self._memo = (word, self._known(word), {})
        _word, known, guessed = memo
        lower, open_tags = _LOWER, self._guess  # locals: this loop runs ~100,000 times per word
        for i in range(wlen + 1):
            row = table[i]
            rowbound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else lower
            scores: dict[int, list[tuple[int, float]]] = {}
            lexicon = known[i]
            for state, lp in row.items():
                if lp < rowbound:
                    continue
                last = state[1]
                for tag1, lpt in followups(state):
                    ends = scores.get(tag1)
                    if ends is None:
                        ends = lexicon.get(tag1, [])
                        if not strict and tag1 in open_tags:
                            key = (i, tag1)
                            if key not in guessed:
                                guessed[key] = self._guessed(word, i, tag1, ends)
                            ends = guessed[key]
                        scores[tag1] = ends
                    base = lp + lpt
                    newstate = (last, tag1)
                    # Two copies of the innermost loop, so that the hot forward pass tests for back-pointers
                    # once per tag, not once per cell.
                    if back is None:
                        for j, lpm in ends:
                            lp1 = base + lpm
                            if lp1 > lower:
                                cell = table[j]
                                old = cell.get(newstate)
                                if old is None or lp1 > old:
                                    cell[newstate] = lp1
                    else:
                        for j, lpm in ends:
                            lp1 = base + lpm
                            if lp1 > lower:
                                cell = table[j]
                                old = cell.get(newstate)
                                if old is None or lp1 > old:
                                    cell[newstate] = lp1
                                    back[j][newstate] = (state, i)
        return table

    def analyze_forward(self, word: str) -> list:
        """HanTa's analyze_forward (per-tag log-probabilities of the word), same result."""
        nonfinal = self.LP_trans_nonfinal
        table = self._fill(word, self.strict, lambda s: nonfinal.get(s, []), None)
        for state in table[-2]:
            lp = table[-2][state]
            for tag1, lpt in self.LP_trans_final.get(state, []):
                lp1 = lp + lpt
                if lp1 > _LOWER:
                    newstate = (state[1], tag1)
                    if newstate not in table[-1] or lp1 > table[-1][newstate]:
                        table[-1][newstate] = lp1
        results: dict = {}
        for state in table[-1]:
            lp = table[-1][state]
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = ht.logaddexp(results[pos], lp) if pos in results else lp
        result_list = sorted(results.items(), key=lambda r: r[1], reverse=True)
        return result_list or [(ht.UNKNOWN, 0)]

    def analyze_viterbi(self, word: str, targetpos: int) -> list:
        """HanTa's analyze_viterbi (the best morpheme path to ``targetpos``), same result."""
        wlen = len(word)
        reachable = self.reachability.get(targetpos, frozenset())
        nonfinal = self.LP_trans_nonfinal
        filtered: dict = {}

        def followups(state: tuple) -> list:
            out = filtered.get(state)
            if out is None:
                out = filtered[state] = [(t, p) for (t, p) in nonfinal.get(state, []) if t in reachable]
            return out

        for localstrict in (True, False):
            backpointer: list[dict] = [{} for _ in range(wlen + 2)]
            table = self._fill(word, localstrict, followups, backpointer)
            for state in table[-2]:
                lp = table[-2][state]
                for tag1, lpt in self.LP_trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > _LOWER:
                            newstate = (state[1], tag1)
                            if newstate not in table[-1] or lp1 > table[-1][newstate]:
                                table[-1][newstate] = lp1
                                backpointer[-1][newstate] = (state, wlen)
                        break
            if len(table[-1]) > 0:
                break
        pmax = -math.inf
        beststate = (_EMPTY, _EMPTY)
        for state in table[-1]:
            lp = table[-1][state]
            if lp > pmax:
                pmax = lp
                beststate = state
        i = len(backpointer) - 1
        if beststate == (_EMPTY, _EMPTY):
            states = [((ht.UNKNOWN, ht.END_UNKNOWN), i), ((_START, ht.UNKNOWN), i - 1)]
        else:
            states = [(beststate, i)]
            state = beststate
            while i > 0:
                state, i = backpointer[i][state]
                states.append((state, i))
            states = states[:-1]
        return [(state[1], i) for (state, i) in states[::-1]]
