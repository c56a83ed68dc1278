"""What the synthetic NMI bar of issue 14 asks, read on the true part labels (nothing is trained; ground truth is used here
only to explain the evaluation, never inside a method).

    python bench/partseg_nmi_reading.py                      # synthetic_easy, 64 px, the 256 held-out images
    python bench/partseg_nmi_reading.py synthetic_medium 64

Each row is a labelling of the objects' pixels made from the true labels, scored like a model's parts
(`unseg.evaluate`: NMI of the labels against the true parts, on the true foreground pixels):
- the true parts passed through part maps at stride s (area-averaged, bilinearly upsampled, argmax), as a model whose
  maps are s times coarser than the image would draw them at best (the small encoder: s = 4; the ResNet trunks: 8);
- the body alone as one part, the limbs given to the background;
- the body cut in four by the quadrants around its centre, the limbs given to the background;
- k-means (K = 4) on the pixel coordinates of the whole object: the partition the foreground concentration term
  (eqs. 7-9, mass x variance summed over parts) prefers for a given object mask, since that term is k-means' own cost;
- the object cut in four by the quadrants around its centre;
- the true parts with each limb named by the direction it points to (three 120° sectors), as a model that tells limbs
  apart by direction, not identity, would draw them at best;
and below the table: the true parts with the limbs' names permuted per species (every combination), the ceiling of a model
that segments perfectly but cannot match one species' limbs to another's.

Beside each NMI: what the concentration priors charge that labelling as part maps at the small encoder's stride 4 (the one-hot
labels area-averaged; the background channel 0 holds every pixel off the object, or the limbs too where the row gives them to
it), one view, in the authors' scaling: the foreground term with the mass clamped (eq. 9, `fg_mass='clamp'`, the paper's) and
area-normalised (`'full'`), the background term, and the paper's weighted sum 1.5 fg + 0.3 bg with each foreground form.
The partition a prior prefers is the row with the lowest sum; the reconstruction has to pay for any other.

    python bench/partseg_nmi_reading.py --run runs/s13/00005-ps-easy-ownhard-rec45 [FIGURE.jpg]

reads a trained run instead (its last checkpoint, its dataset's held-out images): the table of where each true part's pixels go
among the model's channels (row: true part, 0 the background; column: predicted channel, 0 the background; each row sums to
100%) and the NMI the evaluator reports. It says which true part is split, merged or left to the background. FIGURE, if
given: the first 10 images, their true labels and the predicted channels."""
import itertools
import math
import sys
from pathlib import Path
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from unseg.evaluate import eval_dataset, protocol_for, _batch_all
from unseg.metrics import nmi


def quadrants(mask: torch.Tensor) -> torch.Tensor:
    "N×H×W labels 1-4: the mask's pixels by the quadrant around the mask's centre of mass; 0 off the mask."
    N, H, W = mask.shape
    y, x = torch.meshgrid(torch.arange(H).float(), torch.arange(W).float(), indexing='ij')
    m = mask.float(); a = m.sum((1, 2)).clamp(min=1)
    cy, cx = (m * y).sum((1, 2)) / a, (m * x).sum((1, 2)) / a
    q = 1 + (y[None] > cy[:, None, None]).long() * 2 + (x[None] > cx[:, None, None]).long()
    return torch.where(mask, q, torch.zeros_like(q))


def kmeans_parts(mask: torch.Tensor, K: int = 4, iters: int = 25) -> torch.Tensor:
    "N×H×W labels 1..K: Lloyd's k-means on the pixel coordinates of each image's mask (deterministic start); 0 off it."
    N, H, W = mask.shape
    y, x = torch.meshgrid(torch.arange(H).float(), torch.arange(W).float(), indexing='ij')
    out = torch.zeros(N, H, W, dtype=torch.long)
    for i in range(N):
        pts = torch.stack([y[mask[i]], x[mask[i]]], 1)
        if len(pts) < K: continue
        c = pts[torch.linspace(0, len(pts) - 1, K).long()]
        for _ in range(iters):
            a = torch.cdist(pts, c).argmin(1)
            c = torch.stack([pts[a == k].mean(0) if (a == k).any() else c[k] for k in range(K)])
        out[i][mask[i]] = a + 1
    return out


def limbs_by_direction(L: torch.Tensor, body: int, sectors: int = 3, offset: float = 90.0) -> torch.Tensor:
    """The true labels with each limb renamed by where it points: the sector (of `sectors`, the first centred on `offset`
    degrees, counter-clockwise from the image's right) of the angle from the body's centre of mass to the limb's; labels
    body + 1 … body + sectors (0 background, `body` unchanged). A model that names limbs by direction draws this at best."""
    N, H, W = L.shape
    y, x = torch.meshgrid(torch.arange(H).float(), torch.arange(W).float(), indexing='ij')
    out, width = L.clone(), 360.0 / sectors
    for i in range(N):
        b = L[i] == body
        if not b.any(): continue
        by, bx = y[b].mean(), x[b].mean()
        for k in L[i].unique().tolist():
            if k in (0, body): continue
            m = L[i] == k
            ang = math.degrees(math.atan2(-(y[m].mean() - by).item(), (x[m].mean() - bx).item()))   # y grows downwards
            out[i][m] = int(L.max()) + 1 + int(((ang - offset + width / 2) % 360) // width)
    return out


def limb_permutation_nmi(L: torch.Tensor, species: torch.Tensor, body: int) -> torch.Tensor:
    """NMI on the foreground of the true labels with the limbs' names permuted per species, for every combination of
    permutations (species 0 kept as is): a model that segments every part exactly but cannot tell which limb of one species
    is which limb of another scores one of these."""
    limbs = [k for k in range(1, int(L.max()) + 1) if k != body]
    on, out = L > 0, []
    others = [s for s in species.unique().tolist() if s != 0]
    for combo in itertools.product(itertools.permutations(limbs), repeat=len(others)):
        M = L.clone()
        for s, perm in zip(others, combo):
            of_s = (species == s)[:, None, None]
            for a, b in zip(limbs, perm): M[of_s & (L == a)] = b
        out.append(nmi(M[on], L[on]))
    return torch.tensor(out)


def prior_costs(labels: torch.Tensor, K: int, stride: int = 4, w_fg: float = 1.5, w_bg: float = 0.3) -> dict:
    """The concentration priors' cost of a labelling (N×H×W, 0 background, 1..K parts) drawn as part maps at `stride`
    (one-hot, area-averaged), one view, authors' scaling: fg with mass clamped / area-normalised, bg, w_fg·fg + w_bg·bg."""
    from unseg.partseg.bottleneck import fg_concentration, bg_concentration
    S = F.avg_pool2d(F.one_hot(labels.long(), K + 1).permute(0, 3, 1, 2).float(), stride)
    fc, ff, bc = (fg_concentration(S, 'released', 'clamp').item(), fg_concentration(S, 'released', 'full').item(),
                  bg_concentration(S, 'released').item())
    return dict(fg_clamp=fc, fg_full=ff, bg=bc, sum_clamp=w_fg * fc + w_bg * bc, sum_full=w_fg * ff + w_bg * bc)


def contingency(pred: torch.Tensor, true: torch.Tensor) -> torch.Tensor:
    "T×C table: share (%) of true label t's pixels predicted as channel c; rows sum to 100 (a label with no pixels: a zero row)."
    T, C = int(true.max()) + 1, int(pred.max()) + 1
    n = torch.bincount((true.flatten() * C + pred.flatten()).long(), minlength=T * C).reshape(T, C).float()
    return 100 * n / n.sum(1, keepdim=True).clamp(min=1)


def read_run(run: str, figure: str = '') -> torch.Tensor:
    "Print (and return) the contingency table and the evaluator's NMI of a trained part-autoencoder run on its held-out images."
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from reevaluate import load_partseg_run, run_eval_batch
    from unseg.partseg.model import predict_parts
    model, cfg = load_partseg_run(Path(run))
    eb = run_eval_batch(cfg, model.cfg.res)
    if eb.parts is None: raise SystemExit(f"{run}: its dataset {cfg['dataset']} has no part labels")
    with torch.no_grad(): P = predict_parts(model, eb.image).argmax(1)
    L = eb.parts.long(); on = L > 0
    share = [(L == k).sum().item() / on.sum().item() for k in range(1, int(L.max()) + 1)]
    C = contingency(P, L)
    print(f"{run}: {len(L)} held-out images; NMI on the true foreground {nmi(P[on], L[on]):.3f}")
    print('| true part (share of the object) | ' + ' | '.join(['predicted background'] + [f'channel {c}' for c in range(1, C.shape[1])]) + ' |')
    print('|---' * (C.shape[1] + 1) + '|')
    for t in range(C.shape[0]):
        name = 'background' if t == 0 else f'{t} ({100 * share[t - 1]:.0f}%)'
        print(f'| {name} | ' + ' | '.join(f'{v:.0f}%' for v in C[t].tolist()) + ' |')
    if figure: label_figure(eb.image[:10], L[:10], P[:10], figure)
    return C


PALETTE = torch.tensor([[0, 0, 0], [200, 200, 200], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [255, 0, 255],
                        [0, 255, 255], [255, 128, 0], [128, 0, 255], [0, 128, 128], [128, 128, 0], [128, 0, 0]], dtype=torch.uint8)


def label_figure(x: torch.Tensor, true: torch.Tensor, pred: torch.Tensor, path: str, scale: int = 3):
    "A PNG/JPG of three rows: the images, their true part labels and the predicted channels (0 black, 1 grey, then red, green, blue …)."
    from PIL import Image
    from unseg.core import to_01
    if max(int(true.max()), int(pred.max())) >= len(PALETTE): raise ValueError(f'label_figure: at most {len(PALETTE) - 1} labels')
    cols = [torch.cat([(to_01(i).permute(1, 2, 0) * 255).round().byte(), PALETTE[t], PALETTE[p]], 0) for i, t, p in zip(x, true, pred)]
    g = torch.cat(cols, 1).numpy()
    Image.fromarray(g).resize((g.shape[1] * scale, g.shape[0] * scale), Image.NEAREST).save(path)
    print('figure:', path)


def main(dataset: str = 'synthetic_easy', res: int = 64):
    eb = _batch_all(eval_dataset(protocol_for(dataset), '', res, 0))
    if eb.parts is None: raise SystemExit(f'{dataset}: no part labels to read (the synthetic levels have them)')
    L = eb.parts.long(); on = L > 0; K = int(L.max()) + 1
    area = [(L == k).float().mean().item() for k in range(1, K)]
    body = 1 + max(range(K - 1), key=lambda k: area[k])            # the largest part is the body
    print(f'{dataset} at {res} px, {len(L)} held-out images; share of the object per true part: '
          + ', '.join(f'{k + 1}: {a / sum(area):.2f}' for k, a in enumerate(area)) + f' (body = part {body})')
    rows, strided = [], set()        # the prior's costs are read at stride 4: the other strides' rows get no cost columns
    oh = F.one_hot(L, K).permute(0, 3, 1, 2).float()
    for s in (2, 4, 8):
        up = F.interpolate(F.avg_pool2d(oh, s), size=L.shape[-2:], mode='bilinear', align_corners=False)
        rows.append((f'the true parts through maps at stride {s}', up.argmax(1)))
        if s != 4: strided.add(rows[-1][0])
    rows += [('the body as one part, the limbs background', torch.where(L == body, 1, 0)),
             ('the body in four quadrants, the limbs background', quadrants(L == body)),
             ('k-means (K = 4) on the whole object: the concentration term\'s optimum', kmeans_parts(on)),
             ('k-means (K = 8) on the whole object', kmeans_parts(on, 8)),
             ('the whole object in four quadrants', quadrants(on)),
             ('the true parts, each limb named by the 120° sector it points to', limbs_by_direction(L, body))]
    print('| labelling made from the true labels | NMI | fg, mass clamped (paper) | fg, area-normalised | bg '
          '| 1.5 fg + 0.3 bg, clamped | the same, area-normalised |\n|---|---|---|---|---|---|---|')
    for name, lab in rows:
        c = None if name in strided else prior_costs(lab, max(int(lab.max()), K - 1))
        cost = ' | '.join(f'{c[k]:.3f}' for k in ('fg_clamp', 'fg_full', 'bg', 'sum_clamp', 'sum_full')) if c else ' | | | | '
        print(f'| {name} | {nmi(lab[on], L[on]):.3f} | {cost} |')
    if eb.label is not None and len(eb.label.unique()) > 1:
        r = limb_permutation_nmi(L, eb.label, body)
        print(f'\nThe true parts with the limbs named differently in each species ({len(r)} combinations of permutations): '
              f'NMI min {r.min():.3f}, mean {r.mean():.3f}, max {r.max():.3f}. The species share no limb colour or direction, '
              f'so which limb of one species is which of another is arbitrary; a perfect segmentation that names them by '
              f'chance scores the mean.')


if __name__ == '__main__':
    torch.set_num_threads(1)
    if len(sys.argv) > 2 and sys.argv[1] == '--run': read_run(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ''); raise SystemExit
    main(sys.argv[1] if len(sys.argv) > 1 else 'synthetic_easy', int(sys.argv[2]) if len(sys.argv) > 2 else 64)
