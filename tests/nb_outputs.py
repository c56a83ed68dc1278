"""What a notebook prints, made comparable: the committed outputs of a notebook against a fresh run of it.

A component notebook keeps its small teaching outputs (figures, printed checks) committed, so a reader
sees them without running anything. `text_mismatches` says where a fresh run no longer prints what the
notebook shows. Only text is compared: a cell's standard output, and the `text/plain` of each displayed
result, with a figure counted as one `<figure>` (PNG bytes differ across platforms). Left out on purpose:
standard error (warnings, progress bars), object addresses, temporary paths, and float noise below
`REL_TOL` / `ABS_TOL`; every other character and every integer must match.
"""
import math, re

REL_TOL, ABS_TOL = 1e-3, 1e-4   # floats: a change in the third significant digit is caught; noise-level values (below 1e-4) and BLAS noise are not
# Notebooks that print what a short training run reached: the same code and seed on another CPU family (AMD EPYC against the
# machine the outputs were made on) sums in another order, and a few hundred optimiser steps carry that into the third
# digit (41_segment: IoU 0.854 against 0.847; 24_layered.invert: L1 0.001 against 0.002). Their floats match within 2% or
# 0.002; words, integers and every other notebook's floats stay exact to the tolerance above.
TRAINED_TOL = dict(rel_tol=0.02, abs_tol=2e-3)

_ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')
_HEX = re.compile(r'0x[0-9a-fA-F]{6,}')
_TMP = re.compile(r'/(?:tmp|var/folders)/[^\s\'"]*')
_NUM = re.compile(r'(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w])')
_WS = re.compile(r'\s+')


def _text(o): return ''.join(o) if isinstance(o, list) else (o or '')


def _code_only(src):
    "A cell's code without its `#|` directives (nbdev's reader takes them out of the source it runs)."
    return '\n'.join(l for l in src.splitlines() if not l.lstrip().startswith('#|')).strip()


def _clean(s):
    "Mask what differs from run to run without a change of code: colours, addresses, temporary paths."
    return _TMP.sub('<tmp>', _HEX.sub('0x…', _ANSI.sub('', s)))


def _tokens(s):
    "Split text into words and numbers: ('w', text) with whitespace collapsed, ('i', int) or ('f', float)."
    out, pos = [], 0
    for m in _NUM.finditer(s):
        out.append(('w', _WS.sub(' ', s[pos:m.start()])))
        t = m.group()
        out.append(('f', float(t)) if any(c in t for c in '.eE') else ('i', int(t)))
        pos = m.end()
    out.append(('w', _WS.sub(' ', s[pos:])))
    return [t for t in out if t != ('w', '') and t != ('w', ' ')] if s.strip() else []


def _same(a, b, volatile=(), rel_tol=REL_TOL, abs_tol=ABS_TOL):
    for pat in volatile: a, b = re.sub(pat, '<volatile>', a), re.sub(pat, '<volatile>', b)
    ta, tb = _tokens(_clean(a)), _tokens(_clean(b))
    if len(ta) != len(tb): return False
    for (ka, va), (kb, vb) in zip(ta, tb):
        if ka != kb: return False
        if ka == 'f':
            if not math.isclose(va, vb, rel_tol=rel_tol, abs_tol=abs_tol): return False
        elif (va.strip() if ka == 'w' else va) != (vb.strip() if kb == 'w' else vb): return False
    return True


def cell_text(outputs, keep_stdout=True):
    "A code cell's outputs as (its whole standard output, [each displayed result's text or '<figure>'])."
    stdout, shown = '', []
    for o in outputs or []:
        kind = o.get('output_type')
        if kind == 'stream':
            if o.get('name') == 'stdout' and keep_stdout: stdout += _text(o.get('text'))
        elif kind in ('display_data', 'execute_result'):
            data = o.get('data', {})
            if any(k.startswith('image/') for k in data): shown.append('<figure>')
            elif 'text/plain' in data: shown.append(_text(data['text/plain']))
        elif kind == 'error':
            shown.append('error: ' + o.get('ename', '') + ': ' + o.get('evalue', ''))
    return stdout, shown


def _injected(c): return 'injected-parameters' in (c.get('metadata') or {}).get('tags', [])


def text_mismatches(stored_cells, ran_cells, volatile=(), rel_tol=REL_TOL, abs_tol=ABS_TOL):
    """Compare a notebook's committed code cells with the same cells after a run: a list of readable differences.
    `ran_cells` are the cells of the executed notebook; those marked `skipped_` (flagged `slow`, or not run
    for any other reason nbdev has) are not compared, nor the cell papermill injects. `volatile`: regular
    expressions for text a notebook prints that changes from run to run (a measured speed), masked on both sides.
    `rel_tol`, `abs_tol`: the float tolerance (a notebook that prints the result of a short training run: see TRAINED_TOL)."""
    stored = [c for c in stored_cells if c['cell_type'] == 'code' and not _injected(c)]
    ran = [c for c in ran_cells if c['cell_type'] == 'code' and not _injected(c)]
    if len(stored) != len(ran): return [f'{len(stored)} code cells committed, {len(ran)} run']
    problems = []
    for i, (s, r) in enumerate(zip(stored, ran)):
        src = _text(s['source'])
        if _code_only(src) != _code_only(_text(r['source'])): return [f'code cell {i}: sources differ, cells misaligned']
        if r.get('skipped_'): continue
        # execnb (the shell nbdev tests with) drops the stdout of a cell whose last line ends with ';'
        keep = not src.rstrip().endswith(';')
        (so_s, sh_s), (so_r, sh_r) = cell_text(s.get('outputs'), keep), cell_text(r.get('outputs'), keep)
        head = src.strip().splitlines()[0][:70] if src.strip() else ''
        if not _same(so_s, so_r, volatile, rel_tol, abs_tol):
            problems.append(f'code cell {i} ({head!r}) prints\n{so_r!r}\nbut the notebook shows\n{so_s!r}')
        if len(sh_s) != len(sh_r) or not all(_same(a, b, volatile, rel_tol, abs_tol) for a, b in zip(sh_s, sh_r)):
            problems.append(f'code cell {i} ({head!r}) displays\n{sh_r!r}\nbut the notebook shows\n{sh_s!r}')
    return problems


def has_outputs(cells): return any(c.get('outputs') for c in cells if c['cell_type'] == 'code')
