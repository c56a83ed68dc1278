"FID with the offline FID-Inception: zero against itself, and growing as real images are blurred more."
import torch
import torchvision.transforms.functional as TF
from unseg.metrics import FIDInception, extract_features, fid_from_features
from unseg.data.folders import WeizmannHorses


def test_fid_itself_zero_and_blur_monotone(data):
    net = FIDInception()
    horses = WeizmannHorses(data / 'weizmann_horse', res=64)
    b = horses.batch(range(len(horses))).image
    real, other = b[:96], b[96:192]
    batches = lambda x: x.split(48)
    f_real = extract_features(net, batches(real))
    assert abs(fid_from_features(f_real, f_real)) < 1e-3
    fids = []
    for sigma in (0.01, 1.5, 3.0):
        blurred = TF.gaussian_blur(other, kernel_size=13, sigma=sigma)
        fids.append(fid_from_features(f_real, extract_features(net, batches(blurred))))
    assert fids[0] < fids[1] < fids[2], fids


def test_fid_features_shape_and_range():
    net = FIDInception()
    f = net(torch.zeros(2, 3, 32, 32))
    assert f.shape == (2, 2048) and torch.isfinite(f).all() and (f >= 0).all()   # pool3 after ReLU
