"""Compiled greedy decoders for spaCy's transition-based parser (arc-eager) and NER (BILUO), one doc at a time.

They reproduce, for inference, what spaCy 3.8's ``Parser.greedy_parse`` does with a model's precomputed feature
table (``spacy/ml/parser_model.pyx`` ``predict_states``, ``spacy/pipeline/_parser_internals/_state.pxd``,
``arc_eager.pyx``, ``ner.pyx``): the same context tokens, the same float32 sums in the same order, the same
validity rules and transitions, the first best valid class. Why not spaCy's own loop: compiled with Cython 3 it
re-acquires the GIL after every per-state call that is not declared ``noexcept`` (``arg_max_if_valid``, thinc's
``Vec.arg_max``), a fixed cost per transition that was ~36% of the parser's time (docs/nlp.md, "Session 9: speed").

Arrays, not objects: a doc's state lives in a few integer arrays, so numba compiles each decoder to one loop.
The only float difference from spaCy is the output layer's dot products (spaCy: blis sgemm; here a plain loop),
which can only change a decision on an exact near-tie; ``tests/nlp/test_decoder.py`` compares both decoders.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# spaCy's move codes (arc_eager.pyx / ner.pyx enums)
SHIFT, REDUCE, LEFT, RIGHT, BREAK = 0, 1, 2, 3, 4
MISSING, BEGIN, IN, LAST, UNIT, OUT = 0, 1, 2, 3, 4, 5
NO_SCORE = np.float32(-3.0e38)  # an unseen class: below every real score, as spaCy's batch minimum


@njit(cache=True, nogil=True)
def _scores(cached, ids, start, n_feats, n_hidden, n_pieces, bias, weights, out_bias, seen, unmaxed, hidden, scores):
    """One state's class scores: summed feature rows (+ bias), maxout, output layer (predict_states)."""
    width = n_hidden * n_pieces
    unmaxed[:] = 0.0
    for f in range(n_feats):
        row = 0 if ids[f] < 0 else start + ids[f] + 1  # row 0 is the padding row
        base = f * width
        for k in range(width):
            unmaxed[k] += cached[row, base + k]
    for k in range(width):
        unmaxed[k] += bias[k]
    for j in range(n_hidden):
        best = unmaxed[j * n_pieces]
        for p in range(1, n_pieces):
            v = unmaxed[j * n_pieces + p]
            if v > best:
                best = v
        hidden[j] = best
    # weights is (hidden, classes): the inner loop runs over classes, so it vectorises while each class still
    # sums its products in hidden order
    scores[:] = 0.0
    for j in range(n_hidden):
        h = hidden[j]
        for c in range(weights.shape[1]):
            scores[c] += h * weights[j, c]
    for c in range(weights.shape[1]):
        scores[c] = scores[c] + out_bias[c] if seen[c] else NO_SCORE


@njit(cache=True, nogil=True)
def _best_valid(scores, valid) -> int:
    """spaCy's arg_max_if_valid: the first class with the highest score among the valid ones, or -1."""
    best = -1
    for i in range(scores.shape[0]):
        if valid[i] and (best == -1 or scores[i] > scores[best]):
            best = i
    return best


@njit(cache=True, nogil=True)
def _last(last, node_child, head) -> int:
    """The most recent child in one of a head's arc lists (StateC.L/R with idx 1), or -1."""
    if head < 0:
        return -1
    node = last[head]
    return -1 if node < 0 else node_child[node]


@njit(cache=True, nogil=True)
def arc_eager(cached, bias, weights, out_bias, seen, moves, n_feats, n_hidden, n_pieces,
              starts, lengths, sent_start, heads_out, classes_out) -> int:
    """Greedy arc-eager parse of every doc; writes each token's head (doc index, -1 = none) and arc class.

    ``sent_start`` is each token's preset value (1 starts a sentence, -1 cannot, 0 unknown). Returns the number of
    tokens whose final arc spaCy would pick by hash-map order (a stale arc left by a non-last deletion: 0 in
    practice, counted so that tests can see it)."""
    n_classes = weights.shape[1]
    unmaxed = np.empty(n_hidden * n_pieces, np.float32)
    hidden = np.empty(n_hidden, np.float32)
    scores = np.empty(n_classes, np.float32)
    ids = np.empty(8, np.int64)
    valid = np.zeros(n_classes, np.bool_)
    ambiguous = 0
    for d in range(starts.shape[0]):
        start = starts[d]
        n = lengths[d]
        if n == 0:
            continue
        stack = np.empty(n + 1, np.int64)
        depth = 0
        rebuffer = np.empty(n + 1, np.int64)
        n_rebuffer = 0
        b_i = 0
        head = np.full(n, -1, np.int64)
        unshiftable = np.zeros(n, np.bool_)
        broken = np.zeros(n, np.bool_)  # sentence starts set by Break
        cap = 2 * n + 8
        node_child = np.empty(cap, np.int64)
        node_class = np.empty(cap, np.int64)
        node_prev = np.empty(cap, np.int64)
        n_nodes = 0
        left_last = np.full(n, -1, np.int64)
        right_last = np.full(n, -1, np.int64)
        while True:
            # B(0), B(1), S(0..2)
            b0 = rebuffer[n_rebuffer - 1] if n_rebuffer > 0 else (b_i if b_i < n else -1)
            if n_rebuffer > 1:
                b1 = rebuffer[n_rebuffer - 2]
            else:
                k = b_i + (1 - n_rebuffer)
                b1 = k if k < n else -1
            buffer_length = (n - b_i) + n_rebuffer
            if depth <= 0 and buffer_length == 0:
                break
            s0 = stack[depth - 1] if depth > 0 else -1
            s1 = stack[depth - 2] if depth > 1 else -1
            s2 = stack[depth - 3] if depth > 2 else -1
            ids[0] = b0
            ids[1] = b1
            ids[2] = s0
            ids[3] = s1
            ids[4] = s2
            ids[5] = _last(left_last, node_child, b0)
            ids[6] = _last(left_last, node_child, s0)
            ids[7] = _last(right_last, node_child, s0)
            _scores(cached, ids, start, n_feats, n_hidden, n_pieces, bias, weights, out_bias, seen,
                    unmaxed, hidden, scores)
            # validity per move (arc_eager.pyx is_valid; labels only matter for 'subtok', never trained here)
            b0_starts = b0 >= 0 and (sent_start[start + b0] == 1 or broken[b0])
            if depth == 0:
                ok_shift = True
            elif buffer_length < 2 or b0_starts or unshiftable[b0]:
                ok_shift = False
            else:
                ok_shift = True
            if depth == 0:
                ok_reduce = False
            elif buffer_length == 0:
                ok_reduce = True
            elif depth == 1 and b0 >= 0 and sent_start[start + b0] == -1:
                ok_reduce = False
            else:
                ok_reduce = True
            ok_arc = depth > 0 and buffer_length > 0 and not b0_starts
            if buffer_length < 2 or b1 != b0 + 1:
                ok_break = False
            elif b1 >= 0 and (sent_start[start + b1] == 1 or broken[b1]):
                ok_break = False
            elif b1 >= 0 and sent_start[start + b1] == -1:
                ok_break = False
            else:
                ok_break = True
            for c in range(n_classes):
                m = moves[c]
                if m == SHIFT:
                    valid[c] = ok_shift
                elif m == REDUCE:
                    valid[c] = ok_reduce
                elif m == LEFT or m == RIGHT:
                    valid[c] = ok_arc
                else:
                    valid[c] = ok_break
            guess = _best_valid(scores, valid)
            if guess == -1:  # spaCy's force_final
                break
            m = moves[guess]
            if n_nodes == cap:  # room for the arc a Left/Right move adds
                cap *= 2
                node_child = _grown(node_child, cap)
                node_class = _grown(node_class, cap)
                node_prev = _grown(node_prev, cap)
            if m == SHIFT or m == RIGHT:
                if m == RIGHT:
                    n_nodes = _add_arc(s0, b0, guess, head, left_last, right_last,
                                       node_child, node_class, node_prev, n_nodes)
                # push
                if n_rebuffer > 0:
                    n_rebuffer -= 1
                    stack[depth] = rebuffer[n_rebuffer]
                else:
                    stack[depth] = b_i
                    b_i += 1
                depth += 1
            elif m == REDUCE:
                if head[s0] >= 0 or depth == 1:
                    depth -= 1
                else:  # unshift
                    unshiftable[s0] = True
                    rebuffer[n_rebuffer] = s0
                    n_rebuffer += 1
                    depth -= 1
            elif m == LEFT:
                n_nodes = _add_arc(b0, s0, guess, head, left_last, right_last,
                                   node_child, node_class, node_prev, n_nodes)
                unshiftable[b0] = False
                depth -= 1
            else:
                broken[b1] = True
        ambiguous += _write_arcs(n, start, left_last, right_last, node_child, node_class, node_prev,
                                 heads_out, classes_out)
    return ambiguous


@njit(cache=True, nogil=True)
def _grown(a, cap):
    """A copy of `a` with room for `cap` items."""
    out = np.empty(cap, a.dtype)
    out[:a.shape[0]] = a
    return out


@njit(cache=True, nogil=True)
def _add_arc(parent, child, clas, head, left_last, right_last, node_child, node_class, node_prev, n_nodes) -> int:
    """StateC.add_arc: drop the child's old arc (only if it is its head's latest one, as spaCy does), add the new."""
    old = head[child]
    if old >= 0:
        last = left_last if old > child else right_last
        node = last[old]
        if node >= 0 and node_child[node] == child:
            last[old] = node_prev[node]
        # else spaCy's map_del_arc edits a copy of the arc: the old arc stays in the list
    last = left_last if parent > child else right_last
    node_child[n_nodes] = child
    node_class[n_nodes] = clas
    node_prev[n_nodes] = last[parent]
    last[parent] = n_nodes
    head[child] = parent
    return n_nodes + 1


@njit(cache=True, nogil=True)
def _write_arcs(n, start, left_last, right_last, node_child, node_class, node_prev, heads_out, classes_out) -> int:
    """Each child's head and class from the arcs still listed, in StateC.get_arcs order (left lists, then right
    lists, each list oldest first: a later arc of the same child wins, as in ArcEager.set_annotations)."""
    assigned = np.zeros(n, np.bool_)
    chain = np.empty(n + 1, np.int64)
    ambiguous = 0
    for side in range(2):
        last = left_last if side == 0 else right_last
        for h in range(n):
            size = 0
            node = last[h]
            while node >= 0:
                if size == chain.shape[0]:
                    chain = _grown(chain, 2 * size)
                chain[size] = node
                size += 1
                node = node_prev[node]
            for k in range(size - 1, -1, -1):
                node = chain[k]
                c = node_child[node]
                if assigned[c]:
                    ambiguous += 1
                assigned[c] = True
                heads_out[start + c] = h
                classes_out[start + c] = node_class[node]
    for i in range(n):
        if not assigned[i]:
            heads_out[start + i] = -1
            classes_out[start + i] = -1
    return ambiguous


@njit(cache=True, nogil=True)
def biluo(cached, bias, weights, out_bias, seen, moves, labels, n_feats, n_hidden, n_pieces,
          starts, lengths, iob, ent_type, sent_start, is_space, ent_out) -> int:
    """Greedy BILUO entity recognition of every doc, respecting preset entities (ner.pyx is_valid).

    ``labels`` holds each class's label id (0 = none), ``ent_type`` each token's preset label id on the same
    scale (0 = none; ids no class uses are fine). Writes (doc, start, end, class) rows to ``ent_out`` (at least
    one row per token) and returns the number of rows."""
    n_classes = weights.shape[1]
    unmaxed = np.empty(n_hidden * n_pieces, np.float32)
    hidden = np.empty(n_hidden, np.float32)
    scores = np.empty(n_classes, np.float32)
    ids = np.empty(3, np.int64)
    valid = np.zeros(n_classes, np.bool_)
    n_out = 0
    for d in range(starts.shape[0]):
        start = starts[d]
        n = lengths[d]
        b0 = 0
        ent_start = -1  # the open entity's first token, -1 = none open
        ent_label = 0
        ent_class = -1
        while b0 < n:
            b1 = b0 + 1 if b0 + 1 < n else -1
            ids[0] = b0
            ids[1] = ent_start
            ids[2] = -1 if ent_start < 0 else b0 - 1
            _scores(cached, ids, start, n_feats, n_hidden, n_pieces, bias, weights, out_bias, seen,
                    unmaxed, hidden, scores)
            is_open = ent_start >= 0
            long_enough = n - b0 >= 2
            iob0 = iob[start + b0]
            type0 = ent_type[start + b0]
            iob1 = iob[start + b1] if b1 >= 0 else 0
            starts1 = b1 >= 0 and sent_start[start + b1] == 1
            space0 = is_space[start + b0]
            for c in range(n_classes):
                m = moves[c]
                lab = labels[c]
                ok = False
                if m == BEGIN:
                    if is_open or not long_enough or lab == 0 or iob0 == 1:
                        ok = False
                    elif iob0 == 3:
                        ok = lab == type0 and iob1 == 1
                    elif iob1 == 3 or starts1 or space0:
                        ok = False
                    else:
                        ok = True
                elif m == IN:
                    if not is_open or not long_enough or lab == 0 or ent_label != lab:
                        ok = False
                    elif iob0 == 3 or iob1 == 3:
                        ok = False
                    elif iob0 == 1:
                        ok = not (iob1 == 0 or iob1 == 2) and lab == type0
                    elif starts1:
                        ok = False
                    else:
                        ok = True
                elif m == LAST:
                    if lab == 0 or not is_open:
                        ok = False
                    elif iob0 == 1 and iob1 != 1:
                        ok = lab == type0
                    elif ent_label != lab or iob1 == 1:
                        ok = False
                    else:
                        ok = True
                elif m == UNIT:
                    if lab == 0:
                        ok = type0 == 0 and iob0 == 3
                    elif is_open or iob1 == 1:
                        ok = False
                    elif iob0 == 3:
                        ok = lab == type0
                    else:
                        ok = not space0
                elif m == OUT:
                    ok = not is_open and iob0 != 3 and iob0 != 1
                valid[c] = ok
            guess = _best_valid(scores, valid)
            if guess == -1:  # force_final: an open entity is dropped
                break
            m = moves[guess]
            if m == BEGIN:
                ent_start = b0
                ent_label = labels[guess]
                ent_class = guess
            elif m == LAST:
                ent_out[n_out, 0] = d
                ent_out[n_out, 1] = ent_start
                ent_out[n_out, 2] = b0 + 1
                ent_out[n_out, 3] = ent_class
                n_out += 1
                ent_start = -1
            elif m == UNIT:
                ent_out[n_out, 0] = d
                ent_out[n_out, 1] = b0
                ent_out[n_out, 2] = b0 + 1
                ent_out[n_out, 3] = guess
                n_out += 1
            b0 += 1
    return n_out
