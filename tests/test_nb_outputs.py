"The comparison of committed notebook outputs with a fresh run: it ignores noise and catches every real change."
from nb_outputs import text_mismatches


def _code(src, *outputs, skipped=False):
    c = dict(cell_type='code', source=src, outputs=list(outputs))
    if skipped: c['skipped_'] = True
    return c


def _out(text): return dict(output_type='stream', name='stdout', text=text)
def _err(text): return dict(output_type='stream', name='stderr', text=text)
def _res(text, kind='execute_result'): return dict(output_type=kind, data={'text/plain': text})
def _fig(): return dict(output_type='display_data', data={'image/png': 'iVBOR…', 'text/plain': '<Figure size 400x300 with 2 Axes>'})


def _check(stored, ran): return text_mismatches(stored, ran)


def test_nb_outputs_same_text_passes():
    cells = [dict(cell_type='markdown', source='# t'), _code("print('iou', 0.842)", _out('iou 0.842\n'))]
    assert _check(cells, cells) == []


def test_nb_outputs_changed_digit_or_word_fails():
    stored = [_code("print(x)", _out('iou 0.842 at step 200\n'))]
    assert _check(stored, [_code("print(x)", _out('iou 0.843 at step 200\n'))])
    assert _check(stored, [_code("print(x)", _out('iou 0.842 at step 201\n'))])
    assert _check(stored, [_code("print(x)", _out('dice 0.842 at step 200\n'))])
    assert _check(stored, [_code("print(x)", _out(''))])
    assert _check(stored, [_code("print(x)", _out('iou 0.842 at step 200\nextra\n'))])


def test_nb_outputs_ignores_noise():
    stored = [_code("x", _out('err 4.62e-06, loss 1.00000\n'), _err('50%|###| 1/2 [00:01<00:01]'),
                    _res('<matplotlib.image.AxesImage at 0x7f3a2b1c9d10>'), _out('wrote /tmp/pytest-3/a.png\n'))]
    ran = [_code("x", _out('err 5.10e-06, loss 1.00002\nwrote /tmp/tmpab12/a.png\n'), _err('other bar'),
                 _res('<matplotlib.image.AxesImage at 0x7fffe0001234>'))]
    assert _check(stored, ran) == []


def test_nb_outputs_tensor_alignment_and_sign_of_zero():
    stored = [_code("t", _res('tensor([ 0.0000, 1.5000])'))]
    assert _check(stored, [_code("t", _res('tensor([-0.0000,  1.5000])'))]) == []
    assert _check(stored, [_code("t", _res('tensor([ 0.0000, 1.5100])'))])


def test_nb_outputs_counts_figures_not_pixels():
    stored = [_code("show()", _fig())]
    other_pixels = dict(_fig(), data={'image/png': 'different bytes', 'text/plain': 'x'})
    assert _check(stored, [_code("show()", other_pixels)]) == []
    assert _check(stored, [_code("show()")])                 # the figure is gone
    assert _check(stored, [_code("show()", _fig(), _fig())])  # one more figure


def test_nb_outputs_skipped_cells_and_semicolons():
    stored = [_code("slow()", _out('took ages\n')), _code("print(1); f();", _out('1\n'), _fig())]
    ran = [_code("slow()", skipped=True), _code("print(1); f();", _fig())]   # execnb drops stdout after a final ';'
    assert _check(stored, ran) == []


def test_nb_outputs_misaligned_cells_fail():
    assert _check([_code("a", _out('1\n'))], [_code("b", _out('1\n'))])
    assert _check([_code("a")], [_code("a"), _code("b")])


def test_nb_outputs_volatile_text_and_injected_parameters():
    stored = [_code("t()", _out('speed 1234 images/s, iou 0.5\n'))]
    ran = [dict(_code("res = 32"), metadata={'tags': ['injected-parameters']}), _code("t()", _out('speed 987 images/s, iou 0.5\n'))]
    assert _check(stored, ran)                                            # a speed is a number like any other...
    assert text_mismatches(stored, ran, volatile=[r'\d+ images/s']) == []  # ...unless the caller names it volatile
    ran[1] = _code("t()", _out('speed 987 images/s, iou 0.6\n'))
    assert text_mismatches(stored, ran, volatile=[r'\d+ images/s'])


def test_nb_outputs_trained_tolerance_is_loose_only_where_asked():
    "A short training run's third digit moves across CPUs: TRAINED_TOL lets 0.854 match 0.847, the default does not; words stay exact."
    from nb_outputs import text_mismatches, TRAINED_TOL
    stored = [_code("print(x)", _out("{'iou_mean': 0.847, 'n': 256}\n"))]
    near, far = [_code("print(x)", _out("{'iou_mean': 0.854, 'n': 256}\n"))], [_code("print(x)", _out("{'iou_mean': 0.900, 'n': 256}\n"))]
    assert text_mismatches(stored, near) and not text_mismatches(stored, near, **TRAINED_TOL)
    assert text_mismatches(stored, far, **TRAINED_TOL)
    assert text_mismatches(stored, [_code("print(x)", _out("{'dice_mean': 0.847, 'n': 256}\n"))], **TRAINED_TOL)
    assert text_mismatches(stored, [_code("print(x)", _out("{'iou_mean': 0.847, 'n': 257}\n"))], **TRAINED_TOL)
