"""cifar_transforms: the training pipeline shifts (≤ 4 px, zero padding) and flips; the test one
only converts. Graded on what the outputs are: the random draws need not match the reference's."""

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
    """Apply the pipeline to one random image many times and describe what came out."""
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
    }


def test_cifar_transforms(kata):
    kata.compare("cifar_transforms",
                 st.fixed_dictionaries({"train": st.booleans(), "seed": st.integers(0, 9)}),
                 probe=describe_outputs, max_examples=4,
                 examples=[{"train": True, "seed": 0}, {"train": False, "seed": 1}],
                 notes={"result['every": "every training output must be a 32×32 crop of the "
                                          "zero-padded image (padding=4), maybe flipped left-right",
                        "result['largest": "RandomCrop(32, padding=4) shifts by up to 4 pixels",
                        "result['first_output": "the test pipeline must only convert: ToTensor()"})


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
