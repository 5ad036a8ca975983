"""cifar_transforms: the training pipeline shifts (≤ 4 px, zero padding) and flips; the test one
only converts. Graded on what the outputs are (facts first, for the message), then draw for draw:
seeded alike, the pipeline must give the specified pipeline's images (torchvision v1 or v2,
ToTensor first or last: the same draws in the same order)."""

import numpy as np
import torch
from hypothesis import strategies as st
from PIL import Image
from torchvision import transforms

from grader.mistakes import mistake

DRAWS = 40


def _placement(out, padded):
    """(dy, dx, flipped) such that out == crop of the padded image (maybe flipped), else None.

    Up to float rounding: x / 255 and x * (1 / 255) differ in the last bit for some x."""
    for flipped in (False, True):
        candidate = out.flip(-1) if flipped else out
        for dy in range(9):
            for dx in range(9):
                if torch.allclose(padded[:, dy:dy + 32, dx:dx + 32], candidate, rtol=0, atol=1e-6):
                    return dy - 4, dx - 4, flipped
    return None


def describe_outputs(target, train, seed):
    """cifar_transforms(train) applied 40 times to one random 32x32 RGB image, torch seeded 0"""
    rng = np.random.default_rng(seed)
    array = rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)
    image = Image.fromarray(array)
    plain = torch.from_numpy(array).permute(2, 0, 1).float() / 255  # (3, 32, 32)
    padded = torch.nn.functional.pad(plain, (4, 4, 4, 4))  # (3, 40, 40)
    transform = target(train=train)
    outputs = [transform(image) for _ in range(DRAWS)]
    first = outputs[0]
    placements = [_placement(out.as_subclass(torch.Tensor), padded) if torch.is_tensor(out)
                  and out.shape == (3, 32, 32) and out.dtype == torch.float32 else None
                  for out in outputs]
    found = [p for p in placements if p is not None]
    return {
        "type_shape_dtype": ("Tensor" if torch.is_tensor(first) else type(first).__name__,
                             tuple(getattr(first, "shape", ())), getattr(first, "dtype", None)),
        "every_output_is_a_shifted_or_flipped_crop": len(found) == len(outputs),
        "some_outputs_flipped": any(p[2] for p in found),
        "some_outputs_shifted": any(p[:2] != (0, 0) for p in found),
        "largest_shift_is_4": max((max(abs(p[0]), abs(p[1])) for p in found), default=0) == 4,
        "first_output_if_not_training": None if train else first,
        "first 4 training outputs, draw for draw": outputs[:4] if train and all(
            torch.is_tensor(out) for out in outputs) else None,
    }


def test_cifar_transforms(kata):
    kata.compare("cifar_transforms",
                 st.fixed_dictionaries({"train": st.booleans(), "seed": st.integers(0, 9)}),
                 probe=describe_outputs, max_examples=4,
                 examples=[{"train": True, "seed": 0}, {"train": False, "seed": 1}],
                 notes={"result['every": "every training output must be a 32×32 crop of the "
                                          "zero-padded image (padding=4), maybe flipped left-right",
                        "result['largest": "RandomCrop(32, padding=4) shifts by up to 4 pixels",
                        "result['first_output": "the test pipeline must only convert: ToTensor()",
                        "result['first 4": "the crop's random draw comes first, then the "
                                           "flip's: RandomCrop, then RandomHorizontalFlip"})


@mistake("cifar_transforms", diagnosis="Your test pipeline augments too: random crops and flips "
         "belong to training only; for train=False return transforms.Compose([transforms."
         "ToTensor()]).")
def augments_test_set(train):
    return transforms.Compose([transforms.RandomCrop(32, padding=4),
                               transforms.RandomHorizontalFlip(), transforms.ToTensor()])


@mistake("cifar_transforms", diagnosis="RandomCrop(32) of a 32×32 image without padding never "
         "moves it: pass padding=4 so the crop can shift by up to 4 pixels.")
def crop_without_padding(train):
    steps = [transforms.RandomCrop(32), transforms.RandomHorizontalFlip()] if train else []
    return transforms.Compose(steps + [transforms.ToTensor()])


@mistake("cifar_transforms", diagnosis="The training images are never flipped: add "
         "transforms.RandomHorizontalFlip() after the crop.")
def no_flip(train):
    steps = [transforms.RandomCrop(32, padding=4)] if train else []
    return transforms.Compose(steps + [transforms.ToTensor()])


@mistake("cifar_transforms", diagnosis="RandomVerticalFlip turns images upside down, which real "
         "photos never are: use RandomHorizontalFlip (a mirror image is still a cat).")
def vertical_flip(train):
    steps = [transforms.RandomCrop(32, padding=4), transforms.RandomVerticalFlip()] if train else []
    return transforms.Compose(steps + [transforms.ToTensor()])


@mistake("cifar_transforms", diagnosis="Images are flipped upside down too (Keras's RandomFlip() "
         "flips both ways by default): only RandomHorizontalFlip, a mirror image is still a cat.")
def flips_both_ways(train):
    steps = [transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
             transforms.RandomVerticalFlip()] if train else []
    return transforms.Compose(steps + [transforms.ToTensor()])


@mistake("cifar_transforms", diagnosis="Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) (the CIFAR-10 "
         "tutorial's) maps the values to [-1, 1]; the spec's pipelines end with ToTensor(), in "
         "[0, 1].")
def normalizes_to_minus_one(train):
    steps = [transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip()] if train \
        else []
    return transforms.Compose(steps + [transforms.ToTensor(),
                                       transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])


@mistake("cifar_transforms", diagnosis="padding_mode=\"reflect\" mirrors the image into the "
         "border; the spec pads with zeros (RandomCrop's default padding_mode=\"constant\", "
         "fill=0).")
def reflect_padding(train):
    steps = [transforms.RandomCrop(32, padding=4, padding_mode="reflect"),
             transforms.RandomHorizontalFlip()] if train else []
    return transforms.Compose(steps + [transforms.ToTensor()])


@mistake("cifar_transforms", diagnosis="RandomResizedCrop zooms into a random part and rescales "
         "it (ImageNet style); CIFAR's augmentation only shifts the zero-padded image: "
         "RandomCrop(32, padding=4).")
def random_resized_crop(train):
    steps = [transforms.RandomResizedCrop(32), transforms.RandomHorizontalFlip()] if train else []
    return transforms.Compose(steps + [transforms.ToTensor()])


@mistake("cifar_transforms", diagnosis="The flip comes before the crop, so the random draws are "
         "used in another order and a seeded run gives other images: RandomCrop(32, padding=4) "
         "first, then RandomHorizontalFlip().")
def flip_before_crop(train):
    steps = [transforms.RandomHorizontalFlip(), transforms.RandomCrop(32, padding=4)] if train \
        else []
    return transforms.Compose(steps + [transforms.ToTensor()])


def _to_array(img):
    return torch.from_numpy(np.asarray(img) / 255.0)


@mistake("cifar_transforms", diagnosis="np.asarray(img) / 255 keeps the channels last "
         "(32, 32, 3) and gives float64; ToTensor() gives PyTorch's (3, 32, 32) float32.")
def numpy_channels_last(train):
    if train:
        return transforms.Compose([transforms.RandomCrop(32, padding=4),
                                   transforms.RandomHorizontalFlip(), _to_array])
    return _to_array


@mistake("cifar_transforms", diagnosis="PILToTensor() keeps the uint8 values 0..255; ToTensor() "
         "converts to float32 in [0, 1].")
def pil_to_tensor(train):
    steps = [transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip()] if train \
        else []
    return transforms.Compose(steps + [transforms.PILToTensor()])
